package org.tokenmint.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct access to the test database, to see what a request wrote (or did not) and to age rows. */
public final class Db {

    private Db() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("tokenmint.db.url"),
                System.getProperty("tokenmint.db.user"), System.getProperty("tokenmint.db.password"));
    }

    public static long count(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String string(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row counts of every table a request may write: equal before and after means nothing was written. */
    public static String snapshot() {
        return count("SELECT count(*) FROM users") + "/" + count("SELECT count(*) FROM login_tokens") + "/"
                + count("SELECT count(*) FROM token_audit") + "/" + count("SELECT count(*) FROM user_roles") + "/"
                + string("SELECT string_agg(permission_id || ':' || role_id, ',' ORDER BY permission_id, position) "
                        + "FROM permission_roles") + "/" + string("SELECT max(updated_at)::text FROM users");
    }

    /**
     * Every column of the users whose username is like the pattern, with their roles in order and their tokens: one
     * line per user in id order, so that two states compare as text.
     */
    public static String userRows(String usernameLike) {
        return string("SELECT string_agg(concat_ws('|', u.id, u.username, u.name, u.email, u.email_verified, "
                + "u.password_hash, u.active, u.type, u.status, u.utc_offset, u.require_password_change, "
                + "u.created_at, u.updated_at, u.last_login, "
                + "(SELECT string_agg(r.role_id, ',' ORDER BY r.position) FROM user_roles r WHERE r.user_id = u.id), "
                + "(SELECT string_agg(t.hashed_token || '@' || t.issued_at || ':' || t.personal, ',' "
                + "ORDER BY t.hashed_token) FROM login_tokens t WHERE t.user_id = u.id)), E'\\n' ORDER BY u.id) "
                + "FROM users u WHERE u.username LIKE ?", usernameLike);
    }
}
