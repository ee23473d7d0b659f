package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Concurrent callers share rounds, each gets its own key's answer, and nobody reads an answer older than its call. */
class GroupLookupTest {

    /** Even keys are found, as "v" + key; every round is recorded. */
    final List<List<Integer>> rounds = Collections.synchronizedList(new ArrayList<>());

    Map<Integer, String> evens(List<Integer> keys) {
        rounds.add(keys);
        Map<Integer, String> found = new HashMap<>();
        keys.stream().filter(k -> k % 2 == 0).forEach(k -> found.put(k, "v" + k));
        return found;
    }

    @Test
    void aLoneCallerRunsItsOwnRound() {
        GroupLookup<Integer, String> lookup = new GroupLookup<>(this::evens, 8);
        assertEquals(Optional.of("v2"), lookup.get(2));
        assertEquals(Optional.empty(), lookup.get(3));
        assertEquals(List.of(List.of(2), List.of(3)), rounds);
    }

    @Test
    void concurrentCallersShareRoundsAndEachGetsItsOwnAnswer() throws Exception {
        // The first round blocks until every other caller has queued, so the next rounds must group them.
        CountDownLatch firstRoundEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Function<List<Integer>, Map<Integer, String>> slowFirst = keys -> {
            if (calls.getAndIncrement() == 0) {
                firstRoundEntered.countDown();
                await(release);
            }
            return evens(keys);
        };
        GroupLookup<Integer, String> lookup = new GroupLookup<>(slowFirst, 8);
        int callers = 40;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Optional<String>>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> lookup.get(0)));
            assertTrue(firstRoundEntered.await(10, TimeUnit.SECONDS));
            for (int key = 1; key < callers; key++) {
                int k = key;
                answers.add(pool.submit(() -> lookup.get(k)));
            }
            awaitQueued(lookup, callers - 1); // all of them behind the blocked round
            release.countDown();
            for (int key = 0; key < callers; key++) {
                Optional<String> expected = key % 2 == 0 ? Optional.of("v" + key) : Optional.empty();
                assertEquals(expected, answers.get(key).get(10, TimeUnit.SECONDS), "key " + key);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(1, 8, 8, 8, 8, 7), rounds.stream().map(List::size).toList(),
                "the 39 queued callers were read in full groups of at most 8: " + rounds);
        assertEquals(callers, rounds.stream().flatMap(List::stream).distinct().count(), "each key read once: " + rounds);
    }

    @Test
    void aCallerArrivingDuringARoundIsReadByALaterRound() throws Exception {
        // The value changes while the first round runs: the caller that asked after the change must see it.
        CountDownLatch firstRoundEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger version = new AtomicInteger(1);
        GroupLookup<String, Integer> lookup = new GroupLookup<>(keys -> {
            int seen = version.get();
            if (seen == 1) {
                firstRoundEntered.countDown();
                await(release);
            }
            return Map.of("k", seen);
        }, 8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<Integer>> early = pool.submit(() -> lookup.get("k"));
            assertTrue(firstRoundEntered.await(10, TimeUnit.SECONDS));
            version.set(2); // "committed" while the first round is in flight
            Future<Optional<Integer>> late = pool.submit(() -> lookup.get("k"));
            awaitQueued(lookup, 1);
            release.countDown();
            assertEquals(Optional.of(1), early.get(10, TimeUnit.SECONDS));
            assertEquals(Optional.of(2), late.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedRoundFailsItsCallersAndTheNextRoundRunsAgain() {
        AtomicInteger calls = new AtomicInteger();
        GroupLookup<Integer, String> lookup = new GroupLookup<>(keys -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("database down");
            }
            return evens(keys);
        }, 8);
        GroupLookup.GroupLookupException failed = assertThrows(GroupLookup.GroupLookupException.class,
                () -> lookup.get(2));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertEquals(Optional.of("v2"), lookup.get(2));
    }

    @Test
    void anErrorFailsItsCallersToo() {
        AtomicInteger calls = new AtomicInteger();
        GroupLookup<Integer, String> lookup = new GroupLookup<>(keys -> {
            if (calls.getAndIncrement() == 0) {
                throw new AssertionError("not an exception");
            }
            return evens(keys);
        }, 8);
        GroupLookup.GroupLookupException failed = assertThrows(GroupLookup.GroupLookupException.class,
                () -> lookup.get(4));
        assertInstanceOf(AssertionError.class, failed.getCause());
        assertEquals(Optional.of("v4"), lookup.get(4));
    }

    @Test
    void anInterruptedCallerStillGetsItsAnswerAndKeepsTheInterrupt() throws Exception {
        CountDownLatch firstRoundEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        GroupLookup<Integer, String> lookup = new GroupLookup<>(keys -> {
            if (calls.getAndIncrement() == 0) {
                firstRoundEntered.countDown();
                await(release);
            }
            return evens(keys);
        }, 8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<String>> first = pool.submit(() -> lookup.get(0));
            assertTrue(firstRoundEntered.await(10, TimeUnit.SECONDS));
            Future<String> second = pool.submit(() -> {
                Thread.currentThread().interrupt();
                return lookup.get(2).orElseThrow() + " " + Thread.currentThread().isInterrupted();
            });
            awaitQueued(lookup, 1);
            release.countDown();
            assertEquals(Optional.of("v0"), first.get(10, TimeUnit.SECONDS));
            assertEquals("v2 true", second.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesANonPositiveGroupSize() {
        assertThrows(IllegalArgumentException.class, () -> new GroupLookup<Integer, String>(this::evens, 0));
    }

    /** Until this many callers wait for a round; a bound only so that a broken lookup fails instead of hanging. */
    static void awaitQueued(GroupLookup<?, ?> lookup, int callers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (lookup.queued() < callers) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("only " + lookup.queued() + " of " + callers + " callers queued");
            }
            Thread.yield();
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
