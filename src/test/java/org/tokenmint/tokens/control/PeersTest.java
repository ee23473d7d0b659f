package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A revocation's wait, in memory and on an injected clock: it ends once this node read the barrier and every other
 * node with a live lease acknowledged it, or that node's lease ran out; never before.
 */
class PeersTest {

    static final long MILLI = 1_000_000L;

    final AtomicLong clock = new AtomicLong(1_000_000 * MILLI);
    final Peers peers = new Peers("self", clock::get);

    @Test
    void endsOnceThisNodeReadTheBarrierAndEveryLiveNodeAcknowledgedIt() {
        peers.joined(Map.of("a", new long[] {3, 5_000}, "b", new long[] {3, 5_000}));
        CompletableFuture<Boolean> done = peers.acknowledged(7);
        peers.read(7);
        assertFalse(done.isDone(), "a and b have not acknowledged 7");
        peers.heard("a", 7, 5_000);
        assertFalse(done.isDone(), "b has not");
        peers.heard("b", 9, 5_000);
        assertTrue(done.join());
    }

    @Test
    void thisNodeMustHaveReadTheBarrierItself() {
        peers.joined(Map.of());
        CompletableFuture<Boolean> done = peers.acknowledged(4);
        assertFalse(done.isDone(), "nodes that announced themselves before the barrier may still be unheard of");
        peers.read(3);
        assertFalse(done.isDone());
        peers.read(4);
        assertTrue(done.join());
    }

    @Test
    void aSilentNodeIsWaitedForUntilItsLeaseEndsAndNoLonger() {
        peers.joined(Map.of("silent", new long[] {0, 2_000}));
        CompletableFuture<Boolean> done = peers.acknowledged(5);
        peers.read(5);
        clock.addAndGet(1_999 * MILLI);
        peers.tick();
        assertFalse(done.isDone(), "the silent node's lease is still live");
        assertEquals(clock.get() + MILLI, peers.nextLeaseEnd(), "the listener looks again when that lease ends");
        clock.addAndGet(MILLI);
        peers.tick();
        assertTrue(done.join());
    }

    @Test
    void aNodeHeardOfAfterJoiningIsWaitedForAndOneThatLeftIsNot() {
        peers.joined(Map.of());
        peers.heard("late", 2, 5_000);
        peers.heard("leaving", 2, 5_000);
        CompletableFuture<Boolean> done = peers.acknowledged(6);
        peers.read(6);
        peers.heard("leaving", 2, 0);
        assertFalse(done.isDone(), "late has not acknowledged 6");
        assertEquals(1, peers.waiting());
        peers.heard("late", 6, 5_000);
        assertTrue(done.join());
        assertEquals(0, peers.waiting());
    }

    @Test
    void renewingExtendsTheLeaseAndAcknowledgementsNeverGoBack() {
        peers.joined(Map.of("a", new long[] {8, 1_000}));
        peers.heard("a", 3, 5_000);
        CompletableFuture<Boolean> done = peers.acknowledged(8);
        peers.read(8);
        assertTrue(done.join(), "a acknowledged 8 before; an older number it repeats changes nothing");
        CompletableFuture<Boolean> next = peers.acknowledged(9);
        peers.read(9);
        clock.addAndGet(4_000 * MILLI);
        peers.tick();
        assertFalse(next.isDone(), "the renewed lease still holds");
    }

    @Test
    void thisNodesOwnAnnouncementsAreNotWaitedFor() {
        peers.joined(Map.of("self", new long[] {0, 5_000}));
        peers.heard("self", 0, 5_000);
        CompletableFuture<Boolean> done = peers.acknowledged(2);
        peers.read(2);
        assertTrue(done.join());
    }

    @Test
    void withoutAListenerTheAnswerIsThatNothingIsKnown() {
        assertFalse(peers.acknowledged(1).join(), "never joined");
        peers.joined(Map.of("a", new long[] {0, 5_000}));
        CompletableFuture<Boolean> pending = peers.acknowledged(1);
        peers.lost();
        assertFalse(pending.join(), "the listener lost its connection");
        assertFalse(peers.acknowledged(2).join());
    }
}
