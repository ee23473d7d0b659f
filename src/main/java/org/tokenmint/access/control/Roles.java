package org.tokenmint.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.access.entity.Role;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.MeteorIds;
import org.tokenmint.platform.control.WireDates;

/** Owns roles: the built-ins and the custom roles an enterprise creates (a service account's right to mint). */
@ApplicationScoped
public class Roles {

    @PersistenceContext
    EntityManager em;

    public List<Role> list() {
        return em.createNamedQuery(Role.FIND_ALL, Role.class).getResultList();
    }

    public Optional<Role> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(em.find(Role.class, id));
    }

    /** roles.create: access-permissions, then a unique name (no role may have it as id or name). */
    @Transactional
    @RequiresPermission(value = Permission.ACCESS_PERMISSIONS, denial = Denial.ACCESS_PERMISSIONS)
    public Role create(String name, String description, String scope) {
        if (find(name).isPresent() || !em.createNamedQuery(Role.FIND_BY_NAME, Role.class)
                .setParameter("name", name).getResultList().isEmpty()) {
            throw ApiError.of("error-duplicate-role-names-not-allowed", "Role name already exists");
        }
        Role role = new Role(MeteorIds.next(), name, scope, description, WireDates.now());
        em.persist(role);
        em.flush();
        return role;
    }
}
