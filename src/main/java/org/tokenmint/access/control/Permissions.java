package org.tokenmint.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.access.entity.Role;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.sessions.entity.Caller;

/**
 * Decides who holds a permission: one of the caller's roles must be in the permission's list (no implicit admin
 * bypass). Shared by the interceptor and by code that decides conditionally.
 */
@ApplicationScoped
public class Permissions {

    @PersistenceContext
    EntityManager em;

    public boolean has(Caller caller, String permission) {
        return caller.isAuthenticated() && hasAny(caller.roles(), permission);
    }

    public boolean hasAny(List<String> roles, String permission) {
        if (roles.isEmpty()) {
            return false;
        }
        return em.createNamedQuery(Permission.HELD_BY_ANY, Long.class)
                .setParameter("permission", permission)
                .setParameter("roles", roles)
                .getSingleResult() > 0;
    }

    public void require(Caller caller, String permission, Denial denial) {
        if (!caller.isAuthenticated()) {
            throw ApiError.unauthorized();
        }
        if (!has(caller, permission)) {
            throw denial.error();
        }
    }

    public List<Permission> listAll(Optional<Instant> updatedSince) {
        List<Permission> all = em.createNamedQuery(Permission.FIND_ALL, Permission.class).getResultList();
        return updatedSince.map(since -> all.stream().filter(p -> p.getUpdatedAt().isAfter(since)).toList())
                .orElse(all);
    }

    /** One change of permissions.update: a permission id and its new role list. */
    public record Change(String permission, List<String> roles) {
    }

    /** Replaces the role lists; all or nothing, with Rocket.Chat's checks and errors. */
    @Transactional
    @RequiresPermission(Permission.ACCESS_PERMISSIONS)
    public List<Permission> update(List<Change> changes) {
        Set<String> ids = new HashSet<>();
        changes.forEach(c -> ids.add(c.permission()));
        List<Permission> found = ids.stream().map(id -> em.find(Permission.class, id))
                .filter(java.util.Objects::nonNull).toList();
        if (found.size() != changes.size()) {
            throw ApiError.plain("error-invalid-permission", "Invalid permission");
        }
        Set<String> roleIds = new LinkedHashSet<>();
        changes.forEach(c -> roleIds.addAll(c.roles()));
        if (!roleIds.isEmpty() && em.createNamedQuery(Role.COUNT_BY_IDS, Long.class)
                .setParameter("ids", roleIds).getSingleResult() != roleIds.size()) {
            throw ApiError.plain("error-invalid-role", "Invalid role");
        }
        Instant now = WireDates.now();
        for (Change change : changes) {
            em.find(Permission.class, change.permission()).setRoles(change.roles(), now);
        }
        em.flush();
        return listAll(Optional.empty());
    }
}
