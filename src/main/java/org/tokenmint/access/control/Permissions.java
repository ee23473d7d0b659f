package org.tokenmint.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.access.entity.Role;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.platform.entity.Caller;

/**
 * Decides who holds a permission: one of the caller's roles must be in the permission's list (no implicit admin
 * bypass). Refusals go one way: {@link #require} for {@link PermissionInterceptor}, which enforces every
 * {@link RequiresPermission}; {@link #requireHere} for the few rules no annotation can place (the interceptor's Javadoc
 * lists them); {@link #has} decides what a caller sees or skips (fields of a user, the rate limit), never a refusal.
 */
@ApplicationScoped
public class Permissions {

    /** Which roles hold each permission, as read at {@code loadedAt} (nanoTime). */
    record Snapshot(Map<String, Set<String>> rolesByPermission, long loadedAt) {
    }

    /** Fired by permissions.update; after the commit this node drops its snapshot at once. */
    record Changed() {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "TOKENMINT_PERMISSION_CACHE_SECONDS")
    long cacheSeconds;

    @Inject
    Event<Changed> changed;

    private volatile Snapshot snapshot;
    private final ReentrantLock reload = new ReentrantLock();

    public boolean has(Caller caller, String permission) {
        return caller.isAuthenticated() && hasAny(caller.roles(), permission);
    }

    /**
     * Whether any of the roles holds the permission. Read from a snapshot of all permissions at most
     * {@code TOKENMINT_PERMISSION_CACHE_SECONDS} old: a change through permissions.update shows on this node at
     * once, on the other nodes within that time.
     */
    public boolean hasAny(List<String> roles, String permission) {
        if (roles.isEmpty()) {
            return false;
        }
        Set<String> holders = current().rolesByPermission().getOrDefault(permission, Set.of());
        for (String role : roles) {
            if (holders.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The snapshot, reloaded by one caller at a time when it is too old: the others meanwhile answer from the one they
     * have (moments older), so a burst of requests never reloads it all at once (each reload takes a connection).
     */
    Snapshot current() {
        Snapshot current = snapshot;
        if (current != null && System.nanoTime() - current.loadedAt() <= TimeUnit.SECONDS.toNanos(cacheSeconds)) {
            return current;
        }
        if (current != null && !reload.tryLock()) {
            return current;
        }
        if (current == null) {
            reload.lock();
        }
        try {
            current = snapshot;
            if (current == null || System.nanoTime() - current.loadedAt() > TimeUnit.SECONDS.toNanos(cacheSeconds)) {
                Map<String, Set<String>> roles = new HashMap<>();
                for (Object row : em.createNativeQuery("SELECT permission_id, role_id FROM permission_roles")
                        .getResultList()) {
                    Object[] pair = (Object[]) row;
                    roles.computeIfAbsent((String) pair[0], key -> new HashSet<>()).add((String) pair[1]);
                }
                current = new Snapshot(Map.copyOf(roles), System.nanoTime());
                snapshot = current;
            }
            return current;
        } finally {
            reload.unlock();
        }
    }

    void dropSnapshot(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed change) {
        snapshot = null;
    }

    /** The interceptor's check: no caller is a 401, a caller without the permission gets the route's denial. */
    void require(Caller caller, String permission, Denial denial) {
        refuseWithout(caller, permission, denial);
    }

    /**
     * The same check, at this point of a method rather than at its entry: only for a rule that the route's contracted
     * check order puts after the method's own first checks, or that applies only on a condition found there. The
     * methods that may call it are listed in {@link PermissionInterceptor}'s Javadoc (and pinned by an architecture
     * test); every other rule is a {@link RequiresPermission}.
     */
    public void requireHere(Caller caller, String permission, Denial denial) {
        refuseWithout(caller, permission, denial);
    }

    private void refuseWithout(Caller caller, String permission, Denial denial) {
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
        changed.fire(new Changed());
        return listAll(Optional.empty());
    }
}
