package org.tokenmint.access.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.tokenmint.access.entity.Member;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.access.entity.Role;
import org.tokenmint.access.entity.RolesChanged;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.entity.Caller;

/** Role membership: who holds which role, with Rocket.Chat's checks and tokenmint's last-admin rule. */
@ApplicationScoped
public class Memberships {

    /** The advisory lock that serialises changes to who is an active admin (shared with the initial admin). */
    public static final long ADMIN_LOCK = 0x746f6b656e6d696eL;

    @PersistenceContext
    EntityManager em;

    @Inject
    Members members;

    @Inject
    Roles roles;

    @Inject
    Permissions permissions;

    @Inject
    Caller caller;

    /** A role change alters what a cached token says of its user. */
    @Inject
    Event<RolesChanged> rolesChanged;

    /**
     * roles.addUserToRole in Rocket.Chat's order: the user, the role, membership, then access-permissions and, for
     * {@code admin}, assign-admin-role. The permissions come after the lookups, so they are checked here, not by an
     * annotation (see {@link PermissionInterceptor}).
     */
    @Transactional
    public Role addUserToRole(String username, String roleId) {
        if (username == null || username.isBlank()) {
            throw ApiError.userParamNotProvided();
        }
        Member member = members.findByUsername(username).orElseThrow(ApiError::invalidUser);
        Role role = roles.find(roleId).orElseThrow(() -> ApiError.of("error-role-not-found", "Role not found"));
        if (member.hasRole(role.getId())) {
            throw ApiError.of("error-user-already-in-role", "User already in role");
        }
        permissions.requireHere(caller, Permission.ACCESS_PERMISSIONS, Denial.ADD_USER_TO_ROLE);
        if (Role.ADMIN.equals(role.getId())) {
            permissions.requireHere(caller, Permission.ASSIGN_ADMIN_ROLE, Denial.ASSIGN_ADMIN_TO_ROLE);
        }
        List<String> changed = new ArrayList<>(member.roles());
        changed.add(role.getId());
        members.setRoles(member.id(), changed);
        rolesChanged.fire(new RolesChanged(member.id()));
        return role;
    }

    /**
     * roles.removeUserFromRole: the route's access-permissions (403), then the user, the role, membership, and never
     * the last active admin.
     */
    @Transactional
    @RequiresPermission(Permission.ACCESS_PERMISSIONS)
    public Role removeUserFromRole(String username, String roleId) {
        Member member = members.findByUsername(username)
                .orElseThrow(() -> ApiError.of("error-invalid-user", "There is no user with this username"));
        Role role = roles.find(roleId)
                .orElseThrow(() -> ApiError.of("error-invalid-roleId", "This role does not exist"));
        if (!member.hasRole(role.getId())) {
            throw ApiError.of("error-user-not-in-role", "User is not in this role");
        }
        if (Role.ADMIN.equals(role.getId())) {
            requireAnotherActiveAdmin(member);
        }
        List<String> changed = new ArrayList<>(member.roles());
        changed.remove(role.getId());
        members.setRoles(member.id(), changed);
        rolesChanged.fire(new RolesChanged(member.id()));
        return role;
    }

    /**
     * Refuses a change that would leave no active admin (removing the role, deactivating or deleting the user). Such
     * changes serialise on an advisory lock, so two admins removing each other at once cannot both succeed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireAnotherActiveAdmin(Member member) {
        if (!member.active() || !member.hasRole(Role.ADMIN)) {
            return;
        }
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, ADMIN_LOCK).getSingleResult();
        if (members.countActiveWithRoleExcept(Role.ADMIN, member.id()) == 0) {
            throw ApiError.of("error-admin-required", "You need to have at least one admin");
        }
    }
}
