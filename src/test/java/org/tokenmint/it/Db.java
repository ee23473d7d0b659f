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
}
