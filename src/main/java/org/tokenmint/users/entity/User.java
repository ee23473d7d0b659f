package org.tokenmint.users.entity;

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
import java.util.Optional;
import org.tokenmint.access.entity.Member;
import org.tokenmint.platform.entity.Profile;

/** A Rocket.Chat user: one email address, a bcrypt password hash, and role ids in order. */
@Entity
@Table(name = "users")
@NamedQuery(name = User.FIND_BY_USERNAME, query = "SELECT u FROM User u WHERE LOWER(u.username) = LOWER(:username)")
@NamedQuery(name = User.FIND_BY_EMAIL, query = "SELECT u FROM User u WHERE LOWER(u.email) = LOWER(:email)")
@NamedQuery(name = User.COUNT_WITH_ROLE, query = "SELECT COUNT(u) FROM User u JOIN u.roles r WHERE r = :role")
@NamedQuery(name = User.COUNT_OTHER_ACTIVE_WITH_ROLE, query = "SELECT COUNT(u) FROM User u JOIN u.roles r "
        + "WHERE r = :role AND u.active = true AND u.id <> :userId")
@NamedQuery(name = User.FIND_PAGE, query = "SELECT u FROM User u ORDER BY u.username, u.id")
@NamedQuery(name = User.COUNT_ALL, query = "SELECT COUNT(u) FROM User u")
public class User {

    public static final String FIND_BY_USERNAME = "User.findByUsername";
    public static final String FIND_BY_EMAIL = "User.findByEmail";
    public static final String COUNT_WITH_ROLE = "User.countWithRole";
    public static final String COUNT_OTHER_ACTIVE_WITH_ROLE = "User.countOtherActiveWithRole";
    public static final String FIND_PAGE = "User.findPage";
    public static final String COUNT_ALL = "User.countAll";

    @Id
    @Column(name = "id", length = 17)
    private String id;

    @Column(name = "username", nullable = false)
    private String username;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "email")
    private String email;

    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "active", nullable = false)
    private boolean active;

    @Column(name = "type", nullable = false)
    private String type;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "utc_offset", nullable = false)
    private int utcOffset;

    /** Null when never set, as a Rocket.Chat user document without the field. */
    @Column(name = "require_password_change")
    private Boolean requirePasswordChange;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_login")
    private Instant lastLogin;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_roles", joinColumns = @JoinColumn(name = "user_id"))
    @OrderColumn(name = "position")
    @Column(name = "role_id")
    private List<String> roles = new ArrayList<>();

    protected User() {
    }

    public User(String id, String username, String name, String email, boolean emailVerified, String passwordHash,
            boolean active, Boolean requirePasswordChange, List<String> roles, Instant now) {
        this.id = Objects.requireNonNull(id);
        this.username = Objects.requireNonNull(username);
        this.name = Objects.requireNonNull(name);
        this.email = email;
        this.emailVerified = emailVerified;
        this.passwordHash = passwordHash;
        this.active = active;
        this.type = "user";
        this.status = "offline";
        this.requirePasswordChange = requirePasswordChange;
        this.roles.addAll(roles);
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getName() {
        return name;
    }

    public Optional<String> getEmail() {
        return Optional.ofNullable(email);
    }

    public boolean isEmailVerified() {
        return emailVerified;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public boolean isActive() {
        return active;
    }

    public String getType() {
        return type;
    }

    public String getStatus() {
        return status;
    }

    public int getUtcOffset() {
        return utcOffset;
    }

    public Optional<Boolean> getRequirePasswordChange() {
        return Optional.ofNullable(requirePasswordChange);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Optional<Instant> getLastLogin() {
        return Optional.ofNullable(lastLogin);
    }

    public List<String> getRoles() {
        return List.copyOf(roles);
    }

    public Profile profile() {
        return new Profile(id, username, name, email, emailVerified, status, active, roles, utcOffset,
                requirePasswordChange);
    }

    public void loggedIn(Instant now) {
        lastLogin = now;
    }

    public void setActive(boolean active, Instant now) {
        this.active = active;
        this.updatedAt = now;
    }

    public boolean hasRole(String roleId) {
        return roles.contains(roleId);
    }

    /** Replaces the user's roles (access owns the rules: {@code Memberships}). */
    public void setRoles(List<String> roles, Instant now) {
        this.roles.clear();
        this.roles.addAll(roles);
        updatedAt = now;
    }

    /** What access needs to know of this user to decide on role membership. */
    public Member member() {
        return new Member(id, active, roles);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof User u && Objects.equals(id, u.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
