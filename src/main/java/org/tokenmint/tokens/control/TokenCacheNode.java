package org.tokenmint.tokens.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenmint.platform.control.Database;
import org.tokenmint.platform.control.SchemaReady;

/**
 * This node's part in keeping {@link TokenCache}s right on every node (the schema side is migration V4).
 *
 * <ul>
 * <li>One thread holds a connection that LISTENs on {@value #CHANNEL}: triggers notify {@code u<userId>} at the
 * commit of any change to a user's tokens, profile or roles, and the thread drops that user from the cache.</li>
 * <li>The node holds a lease in {@code cache_nodes}, renewed every second for {@value #LEASE_MILLIS} ms by the same
 * thread, in the same statement that acknowledges the barriers it has read. The cache answers only until one
 * second before the lease would run out: a node that stops reading notifications stops answering from its cache
 * before any other node stops waiting for it.</li>
 * <li>A request that revoked something calls {@link #awaitEveryNode} after its commit: it notifies a barrier
 * {@code b<n>} and waits until every node with a live lease has acknowledged {@code n} or more. Notifications
 * arrive in commit order, and a barrier numbered {@code n} or more was committed after the revocation, so every
 * such node has dropped the revoked tokens before the request is answered.</li>
 * </ul>
 *
 * <p>It assumes what a PostgreSQL deployment gives unless changed: every node and every writer use one primary (a
 * transaction-mode pooler in between would lose the LISTEN), {@code cache_barrier_seq} hands out numbers in the
 * order they are taken (no {@code CACHE} above 1), and the database's clock is slewed rather than stepped, since
 * leases are measured on it.
 */
@ApplicationScoped
public class TokenCacheNode {

    static final String CHANNEL = "tokenmint_cache";
    static final long LEASE_MILLIS = 5_000;
    static final long RENEW_MILLIS = 1_000;
    /** The cache stops answering this long before the lease ends in the database: clocks and round trips. */
    static final long MARGIN_MILLIS = 1_000;

    static final String BARRIER = "SELECT s, pg_notify('" + CHANNEL + "', 'b' || s) "
            + "FROM nextval('cache_barrier_seq') s";
    static final String UNACKNOWLEDGED = "SELECT count(*) FROM cache_nodes WHERE lease_until > now() AND acked < ?";
    static final String REGISTER = "INSERT INTO cache_nodes (node_id, lease_until, acked) "
            + "VALUES (?, now() + ? * interval '1 millisecond', 0) "
            + "ON CONFLICT (node_id) DO UPDATE SET lease_until = EXCLUDED.lease_until, acked = 0";
    static final String RENEW = "UPDATE cache_nodes SET lease_until = now() + ? * interval '1 millisecond', "
            + "acked = greatest(acked, ?) WHERE node_id = ? AND lease_until > now()";
    /** A barrier still unacknowledged by a node with a live lease after this long is an error, not a wait. */
    static final long GIVE_UP_MILLIS = 30_000;
    /** Nodes that stopped without saying so (killed, lost); their rows are of no use after a while. */
    static final String FORGET_GONE = "DELETE FROM cache_nodes WHERE lease_until < now() - interval '1 hour'";
    static final String LEAVE = "DELETE FROM cache_nodes WHERE node_id = ?";

    private static final Logger LOG = Logger.getLogger(TokenCacheNode.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    Database database;

    @Inject
    TokenSettings settings;

    private final String nodeId = UUID.randomUUID().toString();
    private TokenCache cache;
    private volatile boolean running;
    private Thread listener;

    @PostConstruct
    void init() {
        cache = new TokenCache(settings.cacheUsers(), settings.cacheSeconds(), System::nanoTime);
    }

    void start(@Observes SchemaReady ready) {
        if (!settings.cacheEnabled()) {
            LOG.info("The token cache is off (TOKENMINT_TOKEN_CACHE): every request reads its token from the database");
            return;
        }
        running = true;
        listener = threads.newThread(this::listen);
        listener.setName("tokenmint-token-cache");
        listener.start();
    }

    /** This node's cache; it answers nothing while the node holds no lease (or the cache is off). */
    public TokenCache cache() {
        return cache;
    }

    /**
     * Returns once every node has dropped what was revoked before this call: every node with a live lease has
     * acknowledged a barrier sent now. Nodes whose lease runs out meanwhile are not waited for any longer. If the
     * database cannot say so, it waits until every lease that could have been live has run out.
     */
    public void awaitEveryNode() {
        long start = System.nanoTime();
        boolean acknowledged;
        try {
            acknowledged = pollAcknowledgements(start);
        } catch (RuntimeException e) {
            // The revocation has committed; without the database's word, wait out every lease, then answer.
            LOG.log(Level.WARNING, "Could not confirm a token cache barrier; waiting for the leases to run out", e);
            sleepFor(LEASE_MILLIS + MARGIN_MILLIS - elapsedMillis(start));
            return;
        }
        if (!acknowledged) {
            // Cannot happen while nodes renew only what they have read: fail rather than claim what is not known.
            throw new IllegalStateException("A node with a live lease did not acknowledge a token cache barrier");
        }
    }

    /**
     * Sends a barrier and polls until every node with a live lease has read it; false after GIVE_UP_MILLIS. One
     * connection serves the whole wait: every checkout from the pool costs a validation round trip.
     */
    private boolean pollAcknowledgements(long start) {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement unacknowledged = connection.prepareStatement(UNACKNOWLEDGED)) {
            if (!connection.getAutoCommit()) {
                // Inside a transaction the barrier would leave only at its commit, and now() would stand still.
                throw new IllegalStateException("A token cache barrier must be awaited outside a transaction");
            }
            long barrier = sendBarrier(connection);
            unacknowledged.setLong(1, barrier);
            long pauseMicros = 200;
            boolean warned = false;
            while (true) {
                try (ResultSet row = unacknowledged.executeQuery()) {
                    if (row.next() && row.getLong(1) == 0) {
                        return true;
                    }
                }
                if (!warned && elapsedMillis(start) > LEASE_MILLIS + RENEW_MILLIS) {
                    LOG.warning(() -> "Token cache barrier " + barrier + " is still not acknowledged by every node "
                            + "with a live lease; waiting on");
                    warned = true;
                }
                if (elapsedMillis(start) > GIVE_UP_MILLIS) {
                    return false;
                }
                sleepNanos(TimeUnit.MICROSECONDS.toNanos(pauseMicros));
                pauseMicros = Math.min(pauseMicros * 2, 20_000);
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Reads notifications until stopped; a lost connection costs the lease and is replaced after a second. */
    void listen() {
        while (running) {
            try (Connection connection = database.dataSource().getConnection()) {
                try {
                    session(connection);
                } finally {
                    cache.revokeLease();
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "The token cache lost its notifications; requests read the database until "
                            + "they are back", e);
                }
            } catch (LinkageError e) {
                LOG.log(Level.WARNING, "The token cache needs the PostgreSQL driver's classes (WildFly: module "
                        + "org.postgresql); requests read the database", e);
                return;
            }
            if (running) {
                sleepFor(RENEW_MILLIS);
            }
        }
    }

    /**
     * One connection's life: listen, join (register, then read one's own barrier so that every earlier revocation
     * has been seen), then read notifications and renew until stopped or the lease is lost.
     */
    private void session(Connection connection) throws SQLException {
        ChangeNotifications notifications = new ChangeNotifications(connection, CHANNEL);
        // Leases and acknowledgements need no flush to disk: an acknowledgement attests an eviction already done in
        // memory, and a lost lease row only makes others wait less for a node whose lease they see as over anyway.
        update(connection, "SET synchronous_commit = off");
        // A read that began before the LISTEN took effect may have missed a revocation's notification: whatever such
        // a read would store is refused from here on.
        cache.clear();
        update(connection, FORGET_GONE);
        update(connection, REGISTER, nodeId, LEASE_MILLIS);
        long joinedAt = sendBarrier(connection);
        long read = 0;
        long acknowledged = -1;
        long nextRenewal = System.nanoTime();
        while (running) {
            long waitMillis = TimeUnit.NANOSECONDS.toMillis(nextRenewal - System.nanoTime());
            for (String payload : notifications.next((int) Math.min(Math.max(waitMillis, 1), RENEW_MILLIS))) {
                read = Math.max(read, apply(payload));
            }
            if (read > acknowledged || System.nanoTime() - nextRenewal >= 0) {
                long sent = System.nanoTime();
                if (update(connection, RENEW, LEASE_MILLIS, read, nodeId) != 1) {
                    LOG.warning("The token cache's lease ran out; it rejoins");
                    return;
                }
                acknowledged = read;
                nextRenewal = sent + TimeUnit.MILLISECONDS.toNanos(RENEW_MILLIS);
                if (read >= joinedAt && running) {
                    cache.leaseUntil(sent + TimeUnit.MILLISECONDS.toNanos(LEASE_MILLIS - MARGIN_MILLIS));
                }
            }
        }
    }

    /** Drops the user a notification names; returns the barrier it carries, or 0. */
    long apply(String payload) {
        if (payload.isEmpty()) {
            return 0;
        }
        if (payload.charAt(0) == 'u') {
            cache.evict(payload.substring(1));
        } else if (payload.charAt(0) == 'b') {
            try {
                return Long.parseLong(payload.substring(1));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    /** Notifies a barrier on this connection (outside a transaction: it leaves at once) and returns its number. */
    private static long sendBarrier(Connection connection) throws SQLException {
        try (PreparedStatement send = connection.prepareStatement(BARRIER); ResultSet row = send.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Database.bind(statement, params);
            return statement.executeUpdate();
        }
    }

    /**
     * A pooled connection goes back as it came: without the LISTEN (its next user would collect our notifications)
     * and with the server's commit setting.
     */
    private static void unlisten(Connection connection) {
        try (Statement unlisten = connection.createStatement()) {
            unlisten.execute("UNLISTEN *");
            unlisten.execute("RESET synchronous_commit");
        } catch (SQLException e) {
            LOG.log(Level.FINE, "UNLISTEN failed; the connection is probably gone", e);
        }
    }

    private static void sleepFor(long millis) {
        sleepNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Sleeps the whole time even if interrupted (a revocation's wait must not be cut short), keeping the interrupt. */
    private static void sleepNanos(long nanos) {
        long end = System.nanoTime() + Math.max(0, nanos);
        boolean interrupted = false;
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        cache.revokeLease();
        if (listener == null) {
            return;
        }
        try {
            // The listener notices within a second (its longest wait for notifications), then leaves the pool.
            listener.join(RENEW_MILLIS * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (listener.isAlive()) {
            LOG.warning("The token cache's listener did not stop; its lease runs out by itself");
            return;
        }
        try {
            database.first(LEAVE + " RETURNING 1", row -> row.getInt(1), nodeId);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not remove this node's lease; it runs out by itself", e);
        }
    }
}
