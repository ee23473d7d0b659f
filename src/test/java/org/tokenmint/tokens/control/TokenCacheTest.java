package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.entity.Profile;
import org.tokenmint.tokens.entity.LiveToken;

/** The cache answers only under a lease, never what it stored across an eviction, and never an expired token. */
class TokenCacheTest {

    static final long SECOND = 1_000_000_000L;
    static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");
    static final Instant CUTOFF = NOW.minusSeconds(90L * 24 * 3600);

    final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    final TokenCache cache = new TokenCache(3, 60, clock::get);

    static LiveToken token(String userId, long id, Instant issuedAt) {
        return new LiveToken(id, new Profile(userId, "u" + id, "U", null, false, "offline", true, List.of("user"), 0,
                null), issuedAt, false, false);
    }

    static LiveToken personal(String userId, long id, Instant issuedAt) {
        return new LiveToken(id, new Profile(userId, "u" + id, "U", null, false, "offline", true, List.of("user"), 0,
                null), issuedAt, true, false);
    }

    void lease() {
        cache.leaseUntil(clock.get() + 4 * SECOND);
    }

    @Test
    void answersWhatItStoredForThatUserAndHashOnly() {
        lease();
        LiveToken live = token("A", 1, NOW);
        cache.store(cache.generation(), "h1", live);
        assertSame(live, cache.find("A", "h1", CUTOFF));
        assertNull(cache.find("B", "h1", CUTOFF), "the same token presented with another user's id");
        assertNull(cache.find("A", "h2", CUTOFF));
    }

    @Test
    void withoutALeaseItNeitherStoresNorAnswers() {
        LiveToken live = token("A", 1, NOW);
        cache.store(cache.generation(), "h1", live);
        lease();
        assertNull(cache.find("A", "h1", CUTOFF), "stored while no lease was held");
        cache.store(cache.generation(), "h1", live);
        assertSame(live, cache.find("A", "h1", CUTOFF));
        clock.addAndGet(4 * SECOND);
        assertNull(cache.find("A", "h1", CUTOFF), "the lease ran out");
    }

    @Test
    void aLostLeaseForgetsEverything() {
        lease();
        cache.store(cache.generation(), "h1", token("A", 1, NOW));
        cache.revokeLease();
        lease();
        assertNull(cache.find("A", "h1", CUTOFF));
        assertEquals(0, cache.users());
    }

    @Test
    void anExpiredTokenIsNotAnswered() {
        lease();
        cache.store(cache.generation(), "h1", token("A", 1, CUTOFF.minusSeconds(1)));
        cache.store(cache.generation(), "h2", token("A", 2, CUTOFF.plusSeconds(1)));
        assertNull(cache.find("A", "h1", CUTOFF));
        assertEquals(2, cache.find("A", "h2", CUTOFF).tokenId());
        assertNull(cache.find("A", "h2", CUTOFF.plusSeconds(2)), "expired since it was stored");
    }

    @Test
    void aPersonalTokenNeverExpires() {
        lease();
        cache.store(cache.generation(), "p1", personal("A", 1, CUTOFF.minusSeconds(24L * 3600)));
        assertEquals(1, cache.find("A", "p1", CUTOFF).tokenId(), "a personal token issued 91 days ago");
        assertEquals(1, cache.find("A", "p1", NOW.plusSeconds(3650L * 24 * 3600)).tokenId(), "ten years on");
        cache.evict("A");
        assertNull(cache.find("A", "p1", CUTOFF), "but it is evicted like any other");
    }

    @Test
    void anEvictionDropsEveryTokenOfThatUserOnly() {
        lease();
        cache.store(cache.generation(), "h1", token("A", 1, NOW));
        cache.store(cache.generation(), "h2", token("A", 2, NOW));
        cache.store(cache.generation(), "h3", token("B", 3, NOW));
        cache.evict("A");
        assertNull(cache.find("A", "h1", CUTOFF));
        assertNull(cache.find("A", "h2", CUTOFF));
        assertEquals(3, cache.find("B", "h3", CUTOFF).tokenId());
    }

    @Test
    void aReadThatRacedWithAnEvictionIsNotStored() {
        lease();
        long before = cache.generation();
        cache.evict("B");
        cache.store(before, "h1", token("A", 1, NOW));
        assertNull(cache.find("A", "h1", CUTOFF), "any eviction since the read began, of any user");
    }

    @Test
    void storedTokensAgeOut() {
        lease();
        cache.store(cache.generation(), "h1", token("A", 1, NOW));
        clock.addAndGet(3 * SECOND);
        lease();
        assertEquals(1, cache.find("A", "h1", CUTOFF).tokenId());
        TokenCache shortLived = new TokenCache(3, 2, clock::get);
        shortLived.leaseUntil(clock.get() + 4 * SECOND);
        shortLived.store(shortLived.generation(), "h1", token("A", 1, NOW));
        clock.addAndGet(3 * SECOND);
        assertNull(shortLived.find("A", "h1", CUTOFF));
    }

    @Test
    void aFullCacheKeepsAtMostItsBound() {
        lease();
        for (int user = 0; user < 10; user++) {
            cache.store(cache.generation(), "h" + user, token("U" + user, user, NOW));
        }
        assertEquals(3, cache.users(), "bounded at 3 users");
        cache.store(cache.generation(), "h9b", token("U9", 99, NOW));
        assertEquals(3, cache.users());
    }

    @Test
    void aStoreRacingWithAnEvictionNeverSurvivesIt() throws InterruptedException {
        TokenCache big = new TokenCache(100_000, 60, clock::get);
        big.leaseUntil(clock.get() + 4 * SECOND);
        for (int round = 0; round < 2_000; round++) {
            String user = "U" + round;
            long readGeneration = big.generation();
            CountDownLatch go = new CountDownLatch(1);
            Thread evictor = new Thread(() -> {
                await(go);
                big.evict(user);
            });
            evictor.start();
            go.countDown();
            big.store(readGeneration, "h", token(user, round, NOW));
            evictor.join();
            assertNull(big.find(user, "h", CUTOFF), "round " + round);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
