package org.tokenmint.access.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A permission and the roles that hold it, in Rocket.Chat's order. */
@Entity
@Table(name = "permissions")
@NamedQuery(name = Permission.FIND_ALL, query = "SELECT p FROM Permission p ORDER BY p.id")
public class Permission {

    public static final String FIND_ALL = "Permission.findAll";

    public static final String CREATE_USER = "create-user";
    public static final String DELETE_USER = "delete-user";
    public static final String VIEW_FULL_OTHER_USER_INFO = "view-full-other-user-info";
    public static final String EDIT_OTHER_USER_ACTIVE_STATUS = "edit-other-user-active-status";
    public static final String ACCESS_PERMISSIONS = "access-permissions";
    public static final String ASSIGN_ADMIN_ROLE = "assign-admin-role";
    public static final String USER_GENERATE_ACCESS_TOKEN = "user-generate-access-token";
    public static final String API_BYPASS_RATE_LIMIT = "api-bypass-rate-limit";
    public static final String LOGOUT_OTHER_USER = "logout-other-user";
    public static final String VIEW_TOKEN_AUDIT = "view-token-audit";
    public static final String VIEW_METRICS = "view-metrics";
    public static final String MANAGE_LOGIN_BLOCKS = "manage-login-blocks";
    public static final String CREATE_PERSONAL_ACCESS_TOKENS = "create-personal-access-tokens";
    public static final String IMPORT_ROCKETCHAT = "import-rocketchat";
    public static final String EXPORT_ROCKETCHAT = "export-rocketchat";

    @Id
    @Column(name = "id")
    private String id;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "permission_roles", joinColumns = @JoinColumn(name = "permission_id"))
    @OrderColumn(name = "position")
    @Column(name = "role_id")
    private List<String> roles = new ArrayList<>();

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Permission() {
    }

    public String getId() {
        return id;
    }

    public List<String> getRoles() {
        return List.copyOf(roles);
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setRoles(List<String> roleIds, Instant now) {
        roles.clear();
        roles.addAll(roleIds);
        updatedAt = now;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Permission p && Objects.equals(id, p.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
