package org.tokenmint.tokens.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.tokenmint.tokens.entity.LiveToken;

/**
 * This node's copy of live tokens that requests presented, by user id and token hash. It only answers while the node
 * holds a lease ({@link #leaseUntil}), which its {@link TokenCacheNode} renews only while it reads every change
 * notification in order; without a lease every request reads the database. A user's tokens go as a whole on any
 * change of that user's rows ({@link #evict}).
 *
 * <p>A token read from the database is stored only if no eviction or clearing happened since the read began
 * ({@link #generation} is taken before it): a read that raced with a revocation never stores what it saw. An
 * eviction bumps the generation before it removes, and a store checks the generation inside the map's lock for that
 * user, so one of the two always sees the other.
 */
public final class TokenCache {

    /** A cached token: what the database said, and when it was stored (on the cache's clock). */
    record Entry(LiveToken token, long storedAt) {
    }

    private final Cache<String, Map<String, Entry>> byUser;
    private final AtomicLong generation = new AtomicLong();
    private final LongSupplier nanoClock;
    private final long maxAgeNanos;
    /** The end of the current lease on the cache's clock; no lease before the first renewal. */
    private volatile long leaseUntil;
    private volatile boolean leased;

    /**
     * @param maxUsers   the most users whose tokens are kept; beyond it, those least recently used go first
     * @param maxAgeSecs how long a stored token may be answered from the cache, however quiet its user
     * @param nanoClock  a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public TokenCache(int maxUsers, long maxAgeSecs, LongSupplier nanoClock) {
        // Maintenance (eviction beyond the bound) runs on the calling threads, not on a pool the server does not manage.
        this.byUser = Caffeine.newBuilder().maximumSize(maxUsers).executor(Runnable::run).build();
        this.maxAgeNanos = maxAgeSecs * 1_000_000_000L;
        this.nanoClock = nanoClock;
    }

    /** Take this before reading a token from the database, and hand it to {@link #store}. */
    public long generation() {
        return generation.get();
    }

    /**
     * The cached token of this user with this hash, if it is still unexpired (personal, or issued after
     * {@code cutoff}) and the lease holds; {@code null} means "ask the database".
     */
    public LiveToken find(String userId, String hash, Instant cutoff) {
        if (!leased()) {
            return null;
        }
        Map<String, Entry> tokens = byUser.getIfPresent(userId);
        Entry entry = tokens == null ? null : tokens.get(hash);
        if (entry == null || nanoClock.getAsLong() - entry.storedAt() > maxAgeNanos) {
            return null;
        }
        return entry.token().unexpiredAt(cutoff) ? entry.token() : null;
    }

    /** Stores a token read from the database, unless the cache changed since {@code readGeneration}. */
    public void store(long readGeneration, String hash, LiveToken token) {
        if (!leased() || generation.get() != readGeneration) {
            return;
        }
        long now = nanoClock.getAsLong();
        byUser.asMap().compute(token.user().id(), (userId, tokens) -> {
            if (generation.get() != readGeneration) {
                return tokens;
            }
            Map<String, Entry> next = tokens == null ? new HashMap<>() : new HashMap<>(tokens);
            next.put(hash, new Entry(token, now));
            return Map.copyOf(next);
        });
    }

    /** Something about this user changed: none of their tokens is answered from the cache any more. */
    public void evict(String userId) {
        generation.incrementAndGet();
        byUser.invalidate(userId);
    }

    /** Forgets everything (a lost lease, a new connection for the notifications). */
    public void clear() {
        generation.incrementAndGet();
        byUser.invalidateAll();
    }

    /** The node renewed its lease: the cache may answer until this time on its clock. */
    public void leaseUntil(long nanos) {
        leaseUntil = nanos;
        leased = true;
    }

    /** The node lost its lease (or stops): nothing is answered, and everything is forgotten. */
    public void revokeLease() {
        leased = false;
        clear();
    }

    /** Whether the cache may answer now. */
    public boolean leased() {
        return leased && nanoClock.getAsLong() - leaseUntil < 0;
    }

    /** How many users have tokens in the cache, once pending evictions beyond the bound are done. */
    public long users() {
        byUser.cleanUp();
        return byUser.estimatedSize();
    }
}
