package org.tokenmint.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The server's datasource, and plain JDBC for the few statements on the hot paths (authentication, the mint).
 * Through Hibernate a native query resolves its result set's metadata on every call, which a profile of
 * {@code GET me} showed as half the cost of its one query. Inside a JTA transaction these statements share the
 * transaction's connection with the entity manager.
 */
@ApplicationScoped
public class Database {

    /** web.xml's datasource reference, which each server maps to its own datasource. */
    @Resource(lookup = "java:comp/env/jdbc/TokenmintDS")
    DataSource dataSource;

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The first row the statement returns, if any. */
    public <T> Optional<T> first(String sql, Row<T> reader, Object... params) {
        return query(sql, params, rows -> rows.next() ? Optional.of(reader.read(rows)) : Optional.empty());
    }

    /** Every row the statement returns. */
    public <T> List<T> all(String sql, Row<T> reader, Object... params) {
        return query(sql, params, rows -> {
            List<T> found = new ArrayList<>();
            while (rows.next()) {
                found.add(reader.read(rows));
            }
            return found;
        });
    }

    /** Runs the statement on a connection of the datasource (the transaction's, inside one) and reads its rows. */
    private <R> R query(String sql, Object[] params, Row<R> result) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                return result.read(rows);
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /** Binds each parameter by its Java type; a {@code String[]} becomes a {@code text[]}. */
    public static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value instanceof String[] texts) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("text", texts));
            } else if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
