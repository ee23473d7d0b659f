package org.tokenmint.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.access.control.Memberships;
import org.tokenmint.access.entity.Role;
import org.tokenmint.platform.control.Logs;
import org.tokenmint.platform.control.MeteorIds;
import org.tokenmint.platform.control.SchemaReady;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.users.entity.User;

/**
 * At every start: when {@code ADMIN_PASS} is set and no user holds {@code admin}, creates that admin from the
 * {@code ADMIN_*} settings. Nodes starting together serialise on an advisory lock, so exactly one admin appears.
 */
@ApplicationScoped
public class InitialAdmin {

    private static final Logger LOG = Logs.of(InitialAdmin.class);

    @Inject
    @ConfigProperty(name = "ADMIN_PASS")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "ADMIN_USERNAME")
    String username;

    @Inject
    @ConfigProperty(name = "ADMIN_NAME")
    String name;

    @Inject
    @ConfigProperty(name = "ADMIN_EMAIL")
    Optional<String> email;

    @Inject
    @ConfigProperty(name = "ADMIN_EMAIL_VERIFIED")
    String emailVerified;

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Transactional
    public void ensure(@Observes SchemaReady ready) {
        if (password.filter(p -> !p.isEmpty()).isEmpty()) {
            return;
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, Memberships.ADMIN_LOCK).getSingleResult();
        if (users.countWithRole(Role.ADMIN) > 0) {
            return;
        }
        if (users.findByUsername(username).isPresent()) {
            LOG.warning("ADMIN_PASS is set and no user is admin, but the username ADMIN_USERNAME is taken: "
                    + "no initial admin created");
            return;
        }
        String address = email.filter(e -> !e.isBlank()).orElse(null);
        if (address != null && users.findByEmail(address).isPresent()) {
            LOG.warning("ADMIN_PASS is set and no user is admin, but ADMIN_EMAIL belongs to another user: "
                    + "no initial admin created");
            return;
        }
        users.insert(new User(MeteorIds.next(), username, name, address, "true".equals(emailVerified),
                Passwords.hash(password.get()), true, null, List.of(Role.ADMIN), WireDates.now()));
        LOG.info("Created the initial admin '" + username + "'");
    }
}
