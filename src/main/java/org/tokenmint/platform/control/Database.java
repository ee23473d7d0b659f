package org.tokenmint.platform.control;

import jakarta.annotation.Resource;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

/**
 * The server's datasource, and plain JDBC for the few statements on the hot paths (authentication, the mint).
 * Through Hibernate a native query resolves its result set's metadata on every call, which a profile of
 * {@code GET me} showed as half the cost of its one query. Inside a JTA transaction these statements run on the
 * entity manager's connection.
 */
@ApplicationScoped
public class Database {

    /** web.xml's datasource reference, which each server maps to its own datasource. */
    @Resource(lookup = "java:comp/env/jdbc/TokenmintDS")
    DataSource dataSource;

    @PersistenceContext
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Metrics metrics;

    private volatile Timer poolWait;

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * How long the connections tokenmint takes itself (outside a transaction: authentication, the cache's barriers,
     * readiness) waited for the pool; a transaction's connection is the entity manager's and is not timed here.
     */
    private Timer poolWait() {
        Timer timer = poolWait;
        if (timer == null) {
            timer = metrics.timer("tokenmint.pool.wait", "Waits for a pooled connection outside transactions");
            poolWait = timer;
        }
        return timer;
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

    /**
     * Runs the statements sent together (their parameters numbered across all of them) and reads the first row of the
     * last one. They take one round trip; outside a transaction they also commit together: pgjdbc sends them before one
     * Sync, and PostgreSQL runs what comes before a Sync as one implicit transaction, each statement with a snapshot of
     * its own (read committed).
     */
    public <T> Optional<T> lastFirst(List<String> statements, Row<T> reader, Object... params) {
        String sql = String.join("; ", statements);
        return onConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                statement.execute();
                for (int i = 1; i < statements.size(); i++) {
                    statement.getMoreResults();
                }
                try (ResultSet rows = statement.getResultSet()) {
                    return rows.next() ? Optional.of(reader.read(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Runs a statement that returns no rows (insert, update, delete) and answers how many rows it changed. */
    public int update(String sql, Object... params) {
        return onConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, params);
                return statement.executeUpdate();
            }
        });
    }

    private <R> R query(String sql, Object[] params, Row<R> result) {
        return onConnection(connection -> run(connection, sql, params, result));
    }

    /**
     * Works on a connection: inside a transaction on the entity manager's connection, outside one on a connection of
     * the datasource. Payara hands the persistence unit (which names the datasource globally) and this class (which
     * uses the web.xml reference) different physical connections in one transaction: a login held two, and sixteen
     * concurrent logins waited for each other until the pool's timeout.
     */
    private <R> R onConnection(ReturningWork<R> work) {
        if (transactions.getTransactionStatus() != Status.STATUS_NO_TRANSACTION) {
            return em.unwrap(Session.class).doReturningWork(work);
        }
        long asked = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            poolWait().record(System.nanoTime() - asked, TimeUnit.NANOSECONDS);
            return work.execute(connection);
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    private static <R> R run(Connection connection, String sql, Object[] params, Row<R> result) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            try (ResultSet rows = statement.executeQuery()) {
                return result.read(rows);
            }
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
