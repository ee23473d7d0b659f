package org.tokenmint.tokens.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenmint.platform.control.Database;
import org.tokenmint.platform.control.Drain;
import org.tokenmint.platform.control.Logs;
import org.tokenmint.platform.control.SchemaReady;

/**
 * This node's part in keeping {@link TokenCache}s right on every node (the schema side is migrations V4 and V5).
 *
 * <ul>
 * <li>One thread holds a connection that LISTENs on {@value #CHANNEL}. Triggers notify {@code u<userId>} at the commit
 * of any change to a user's tokens, profile or roles, and the thread drops that user from the cache.</li>
 * <li>The node holds a lease in {@code cache_nodes}, renewed every second for {@value #LEASE_MILLIS} ms by the same
 * thread, in the statement that acknowledges the highest barrier it has read; that statement also notifies
 * {@code a<node> <acknowledged> <lease millis>}, so every node learns of every other's acknowledgements and leases as
 * they happen ({@link Peers}). The cache answers only until one second before its lease would run out, and only
 * after the node announced its lease, so no node can answer from its cache unbeknown to the others.</li>
 * <li>A request that revoked something calls {@link #afterRevocation} once its transaction has committed: it notifies
 * a barrier {@code b<n>} (one statement on a pooled connection) and gets a stage that completes, in memory, once every
 * node with a live lease has acknowledged {@code n} or more, or its lease has run out. Notifications arrive in commit
 * order and the barrier was sent after the revocation committed, so every node that acknowledged it has dropped what
 * was revoked. The wait holds no connection and no thread.</li>
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
    /** A revocation answers after this long whatever it heard: by then every lease it could wait for has ended. */
    static final long GIVE_UP_MILLIS = 120_000;

    static final String BARRIER = "SELECT s, pg_notify('" + CHANNEL + "', 'b' || s) "
            + "FROM nextval('cache_barrier_seq') s";
    static final String REGISTER = "INSERT INTO cache_nodes (node_id, lease_until, acked) "
            + "VALUES (?, now() + ? * interval '1 millisecond', 0) "
            + "ON CONFLICT (node_id) DO UPDATE SET lease_until = EXCLUDED.lease_until, acked = 0";
    /** Renews the lease, acknowledges what was read, and tells every node so. */
    static final String RENEW = "UPDATE cache_nodes SET lease_until = now() + ? * interval '1 millisecond', "
            + "acked = greatest(acked, ?) WHERE node_id = ? AND lease_until > now() "
            + "RETURNING pg_notify('" + CHANNEL + "', 'a' || node_id || ' ' || acked || ' ' || ?)";
    static final String LIVE_NODES = "SELECT node_id, acked, "
            + "CAST(extract(epoch FROM lease_until - now()) * 1000 AS bigint) FROM cache_nodes WHERE lease_until > now()";
    /** Nodes that stopped without saying so (killed, lost); their rows are of no use after a while. */
    static final String FORGET_GONE = "DELETE FROM cache_nodes WHERE lease_until < now() - interval '1 hour'";
    static final String LEAVE = "DELETE FROM cache_nodes WHERE node_id = ? "
            + "RETURNING pg_notify('" + CHANNEL + "', 'a' || node_id || ' ' || acked || ' 0')";

    private static final Logger LOG = Logs.of(TokenCacheNode.class);

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Database database;

    @Inject
    TokenCacheSettings settings;

    @Inject
    Drain drain;

    private final String nodeId = UUID.randomUUID().toString();
    private final Peers peers = new Peers(nodeId, System::nanoTime);
    private TokenCache cache;
    private volatile boolean running;
    private Thread listener;

    @PostConstruct
    void init() {
        cache = new TokenCache(settings.users(), settings.seconds(), System::nanoTime);
    }

    /**
     * Starts listening, once however often the schema is announced. A node whose cache is off still listens, to hear
     * the others' acknowledgements when it revokes, but holds no lease, so nobody waits for it.
     */
    synchronized void start(@Observes SchemaReady ready) {
        if (listener != null) {
            return;
        }
        if (!settings.enabled()) {
            LOG.info("The token cache is off (TOKENMINT_TOKEN_CACHE): every request reads its token from the database");
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
     * Completes once every node has dropped what this request revoked and committed before the call: every node with a
     * live lease has acknowledged a barrier sent now, or its lease has run out. When this node cannot know (the
     * database refused the barrier, or its listener is not listening), it completes once every lease that could have
     * been live has run out. It always completes, at the latest after {@value #GIVE_UP_MILLIS} ms: the revocation has
     * committed, and the answer is what it would have been.
     */
    public CompletionStage<Void> afterRevocation() {
        long start = System.nanoTime();
        CompletableFuture<Boolean> heard;
        try {
            long barrier = database.first(BARRIER, row -> row.getLong(1)).orElseThrow();
            heard = peers.acknowledged(barrier);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not send a token cache barrier; waiting for every lease to run out", e);
            heard = CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        heard.thenAccept(known -> {
            if (known) {
                done.complete(null);
            } else {
                completeAt(done, start, LEASE_MILLIS + MARGIN_MILLIS);
            }
        });
        if (!done.isDone()) {
            scheduler.schedule(() -> {
                if (done.complete(null)) {
                    LOG.warning("A token cache barrier was not acknowledged by every node with a live lease in time");
                }
            }, GIVE_UP_MILLIS, TimeUnit.MILLISECONDS);
        }
        return done;
    }

    private void completeAt(CompletableFuture<Void> done, long startNanos, long afterMillis) {
        long left = startNanos + TimeUnit.MILLISECONDS.toNanos(afterMillis) - System.nanoTime();
        if (left <= 0) {
            done.complete(null);
        } else {
            scheduler.schedule(() -> done.complete(null), left, TimeUnit.NANOSECONDS);
        }
    }

    /** Reads notifications until stopped; a lost connection costs the lease and is replaced after a second. */
    void listen() {
        while (running) {
            try (Connection connection = database.dataSource().getConnection()) {
                try {
                    session(connection);
                } finally {
                    cache.revokeLease();
                    peers.lost();
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "The token cache lost its notifications; requests read the database until "
                            + "they are back", e);
                }
            } catch (LinkageError e) {
                LOG.log(Level.WARNING, "The token cache needs the PostgreSQL driver's classes (WildFly: module "
                        + "org.postgresql); requests read the database, and revocations wait out every lease", e);
                return;
            }
            if (running) {
                sleepFor(RENEW_MILLIS);
            }
        }
    }

    /**
     * One connection's life: listen, learn the live nodes, join (register, then read one's own barrier so that every
     * earlier revocation has been seen), then read notifications and renew until stopped or the lease is lost.
     */
    private void session(Connection connection) throws SQLException {
        ChangeNotifications notifications = new ChangeNotifications(connection, CHANNEL);
        // Leases and acknowledgements need no flush to disk: an acknowledgement attests an eviction already done in
        // memory, and a lost lease row only makes others wait less for a node whose lease they see as over anyway.
        update(connection, "SET synchronous_commit = off");
        // A read that began before the LISTEN took effect may have missed a revocation's notification: whatever such
        // a read would store is refused from here on.
        cache.clear();
        boolean caching = settings.enabled();
        if (caching) {
            update(connection, FORGET_GONE);
            update(connection, REGISTER, nodeId, LEASE_MILLIS);
        }
        peers.joined(liveNodes(connection));
        long joinedAt = sendBarrier(connection);
        long read = 0;
        long acknowledged = -1;
        long nextRenewal = System.nanoTime();
        while (running) {
            if (caching && drain.draining()) {
                cache.revokeLease();
                leave(connection);
                caching = false;
            }
            long now = System.nanoTime();
            long wake = Math.min(nextRenewal, peers.nextLeaseEnd());
            long waitMillis = TimeUnit.NANOSECONDS.toMillis(wake - now);
            for (String payload : notifications.next((int) Math.min(Math.max(waitMillis, 1), RENEW_MILLIS))) {
                read = Math.max(read, apply(payload));
            }
            peers.tick();
            if (caching && (read > acknowledged || System.nanoTime() - nextRenewal >= 0)) {
                long sent = System.nanoTime();
                if (!renew(connection, read)) {
                    LOG.warning("The token cache's lease ran out; it rejoins");
                    return;
                }
                acknowledged = read;
                nextRenewal = sent + TimeUnit.MILLISECONDS.toNanos(RENEW_MILLIS);
                if (read >= joinedAt && running) {
                    cache.leaseUntil(sent + TimeUnit.MILLISECONDS.toNanos(LEASE_MILLIS - MARGIN_MILLIS));
                }
            } else if (!caching) {
                nextRenewal = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RENEW_MILLIS);
            }
        }
        if (caching) {
            leave(connection);
        }
    }

    /**
     * Applies one notification: {@code u<user>} drops the user, {@code b<n>} is a barrier read (returned), and
     * {@code a<node> <acknowledged> <lease millis>} is what a node said of itself. Returns the barrier read, or 0.
     */
    long apply(String payload) {
        if (payload.isEmpty()) {
            return 0;
        }
        try {
            switch (payload.charAt(0)) {
                case 'u' -> cache.evict(payload.substring(1));
                case 'b' -> {
                    long barrier = Long.parseLong(payload.substring(1));
                    peers.read(barrier);
                    return barrier;
                }
                case 'a' -> {
                    String[] parts = payload.substring(1).split(" ");
                    peers.heard(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                }
                default -> LOG.fine(() -> "Ignored a notification on " + CHANNEL + ": " + payload);
            }
        } catch (RuntimeException malformed) {
            LOG.warning(() -> "Ignored a malformed notification on " + CHANNEL + ": " + payload);
        }
        return 0;
    }

    /** The nodes with a live lease now: their acknowledged barrier and the lease's remaining milliseconds. */
    private static Map<String, long[]> liveNodes(Connection connection) throws SQLException {
        Map<String, long[]> live = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(LIVE_NODES); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                live.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
            }
        }
        return live;
    }

    private boolean renew(Connection connection, long read) throws SQLException {
        try (PreparedStatement renew = connection.prepareStatement(RENEW)) {
            Database.bind(renew, LEASE_MILLIS, read, nodeId, LEASE_MILLIS);
            try (ResultSet row = renew.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * The node stops (drains, or is undeployed): its row goes, and the notification tells every node at once, so that
     * no revocation waits for this node's lease to run out. WildFly may close the pool's connections before the
     * deployment stops, so a node started by {@code bin/run} leaves when it starts to drain ({@link Drain}).
     */
    private void leave(Connection connection) throws SQLException {
        try (PreparedStatement leave = connection.prepareStatement(LEAVE)) {
            leave.setString(1, nodeId);
            leave.execute();
        }
        LOG.info("The token cache left: other nodes no longer wait for this node's lease");
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

    /** Sleeps the whole time even if interrupted, keeping the interrupt. */
    private static void sleepFor(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
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
            // The listener notices within a second (its longest wait for notifications), leaves, and hands its
            // connection back.
            listener.join(RENEW_MILLIS * 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (listener.isAlive()) {
            LOG.warning("The token cache's listener did not stop; its lease runs out by itself");
        }
    }
}
