package org.tokenmint.moving.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tokenmint.moving.entity.ExportedToken;
import org.tokenmint.moving.entity.ExportedUser;
import org.tokenmint.platform.control.Database;

/**
 * What an export reads, in plain SQL, a page at a time: never the whole users table. Each entry point runs in a
 * transaction of its own ({@code REQUIRES_NEW}), never in the batch runtime's chunk transaction (see
 * {@link ImportStore}: Payara's JBatch has its own job-repository datasource in that one).
 */
@ApplicationScoped
public class ExportStore {

    /** A page of users after an id, in {@code _id} order (the primary key's index), with their role ids in order. */
    static final String USERS = "SELECT id, username, name, email, email_verified, password_hash, active, type, status, "
            + "utc_offset, require_password_change, created_at, updated_at, last_login, "
            + "ARRAY(SELECT r.role_id FROM user_roles r WHERE r.user_id = u.id ORDER BY r.position) "
            + "FROM users u WHERE id > ? ORDER BY id LIMIT ?";

    /** The live tokens of a page's users: personal access tokens, and login tokens issued after the cutoff. */
    static final String TOKENS = "SELECT user_id, hashed_token, issued_at, personal, name, last_token_part, "
            + "bypass_two_factor FROM login_tokens WHERE user_id = ANY(?) AND (personal OR issued_at > ?) "
            + "ORDER BY user_id, issued_at, hashed_token";

    @Inject
    Database db;

    /** One row of {@code roles}. */
    public record RoleRow(String id, String name, String scope, String description, boolean isProtected,
            Instant updatedAt) {
    }

    /** One row of {@code permissions} with its role ids in order. */
    public record PermissionRow(String id, List<String> roles, Instant updatedAt) {
    }

    /**
     * Up to {@code size} users whose id sorts after {@code after}, each with its live tokens.
     *
     * @param cutoff login tokens issued at or before it have expired and are left out
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<ExportedUser> users(String after, int size, Instant cutoff) {
        record Row(String id, String username, String name, String email, boolean verified, String hash,
                boolean active, String type, String status, int utcOffset, Boolean requirePasswordChange,
                Instant createdAt, Instant updatedAt, Instant lastLogin, List<String> roles) {
        }
        List<Row> rows = db.all(USERS, row -> new Row(row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), row.getBoolean(5), row.getString(6), row.getBoolean(7), row.getString(8),
                row.getString(9), row.getInt(10), (Boolean) row.getObject(11), instant(row, 12), instant(row, 13),
                instant(row, 14), strings(row.getArray(15))), after, size);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<ExportedToken>> tokens = new HashMap<>();
        db.all(TOKENS, row -> tokens.computeIfAbsent(row.getString(1), id -> new ArrayList<>())
                .add(new ExportedToken(row.getString(2), instant(row, 3), row.getBoolean(4), row.getString(5),
                        row.getString(6), row.getBoolean(7))),
                rows.stream().map(Row::id).toArray(String[]::new), cutoff);
        List<ExportedUser> users = new ArrayList<>(rows.size());
        for (Row r : rows) {
            users.add(new ExportedUser(r.id(), r.username(), r.name(), r.email(), r.verified(), r.hash(), r.active(),
                    r.type(), r.status(), r.utcOffset(), r.requirePasswordChange(), r.createdAt(), r.updatedAt(),
                    r.lastLogin(), r.roles(), tokens.getOrDefault(r.id(), List.of())));
        }
        return users;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<RoleRow> roles() {
        return db.all("SELECT id, name, scope, description, protected, updated_at FROM roles ORDER BY id",
                row -> new RoleRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBoolean(5), instant(row, 6)));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<PermissionRow> permissions() {
        return db.all("SELECT p.id, ARRAY(SELECT r.role_id FROM permission_roles r WHERE r.permission_id = p.id "
                + "ORDER BY r.position), p.updated_at FROM permissions p ORDER BY p.id",
                row -> new PermissionRow(row.getString(1), strings(row.getArray(2)), instant(row, 3)));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
