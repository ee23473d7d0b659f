package org.tokenmint.access.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A role: Rocket.Chat's built-ins (protected, {@code _id == name}) and custom ones. */
@Entity
@Table(name = "roles")
@NamedQuery(name = Role.FIND_ALL, query = "SELECT r FROM Role r ORDER BY r.name")
@NamedQuery(name = Role.COUNT_BY_IDS, query = "SELECT COUNT(r) FROM Role r WHERE r.id IN :ids")
@NamedQuery(name = Role.FIND_BY_NAME, query = "SELECT r FROM Role r WHERE r.name = :name")
public class Role {

    public static final String FIND_ALL = "Role.findAll";
    public static final String COUNT_BY_IDS = "Role.countByIds";
    public static final String FIND_BY_NAME = "Role.findByName";

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    @Id
    @Column(name = "id")
    private String id;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "scope", nullable = false)
    private String scope;

    @Column(name = "description", nullable = false)
    private String description;

    @Column(name = "protected", nullable = false)
    private boolean protectedRole;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Role() {
    }

    public Role(String id, String name, String scope, String description, Instant now) {
        this.id = Objects.requireNonNull(id);
        this.name = Objects.requireNonNull(name);
        this.scope = Objects.requireNonNull(scope);
        this.description = Objects.requireNonNull(description);
        this.updatedAt = now;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getScope() {
        return scope;
    }

    public String getDescription() {
        return description;
    }

    public boolean isProtected() {
        return protectedRole;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Role r && Objects.equals(id, r.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
