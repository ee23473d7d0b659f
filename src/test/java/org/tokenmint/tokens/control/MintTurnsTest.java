package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One user's mints take turns on a node; other users' do not wait for them; a turn never had is a failure. */
class MintTurnsTest {

    final MintTurns turns = new MintTurns();
    /** Threads of its own: the common pool may have a single thread on a 2-core machine. */
    final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aSecondMintForTheSameUserWaitsForTheFirst() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> turns.inTurn("Alice", () -> {
            inside.countDown();
            await(release);
            return "first";
        }), threads);
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        CountDownLatch secondStarted = new CountDownLatch(1);
        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> {
            secondStarted.countDown();
            return turns.inTurn("alice", () -> "second");
        }, threads);
        assertTrue(secondStarted.await(30, TimeUnit.SECONDS));
        assertEquals("other", turns.inTurn(otherStripe("alice"), () -> "other"), "another user does not wait");
        assertFalse(second.isDone(), "the same user, in any case, waits for the first mint");
        release.countDown();
        assertEquals("first", first.get(30, TimeUnit.SECONDS));
        assertEquals("second", second.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aTurnNotHadInTimeFailsTheRequest() throws Exception {
        turns.waitNanos = TimeUnit.MILLISECONDS.toNanos(1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> turns.inTurn("bob", () -> {
            inside.countDown();
            await(release);
            return "held";
        }), threads);
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> turns.inTurn("bob", () -> "never"));
        release.countDown();
        assertEquals("held", holder.get(30, TimeUnit.SECONDS));
        assertEquals("again", turns.inTurn("bob", () -> "again"), "the turn is free again");
    }

    /** A user whose turn is not the given user's. */
    static String otherStripe(String user) {
        for (int i = 0; ; i++) {
            String other = "user" + i;
            if (Math.floorMod(other.hashCode(), MintTurns.STRIPES) != Math.floorMod(user.hashCode(), MintTurns.STRIPES)) {
                return other;
            }
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
