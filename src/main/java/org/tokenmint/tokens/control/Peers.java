package org.tokenmint.tokens.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What this node knows of the other nodes' token caches: the highest barrier each has acknowledged, and until when
 * its lease runs (on this node's clock). It learns it from the {@code cache_nodes} table when its listener joins and
 * then from the acknowledgements the nodes notify as they renew, which arrive on the same listener in commit order.
 *
 * <p>A revocation waits here, in memory, holding neither a connection nor a thread: {@link #acknowledged} completes
 * once this node's listener has read the barrier (so every node that announced itself before it is known) and every
 * other node has acknowledged it or has no live lease left. A node's cache answers only while its lease is live, and
 * it announces its lease before its cache first answers, so no node this one does not know of can still answer a
 * revoked token.
 */
final class Peers {

    /** A node as last heard of: the highest barrier it acknowledged, and its lease's end on this node's clock. */
    record Peer(long acked, long leaseEnd) {
    }

    private record Waiter(long barrier, CompletableFuture<Boolean> done) {
    }

    private final String self;
    private final LongSupplier nanoClock;
    private final Map<String, Peer> peers = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    /** The highest barrier this node's listener has read. */
    private long read;
    private boolean listening;

    Peers(String self, LongSupplier nanoClock) {
        this.self = self;
        this.nanoClock = nanoClock;
    }

    /** The listener joined: these nodes' leases were live when it read them, after it began to listen. */
    void joined(Map<String, long[]> ackedAndRemainingMillis) {
        List<Waiter> done;
        synchronized (this) {
            peers.clear();
            ackedAndRemainingMillis.forEach((node, row) -> put(node, row[0], row[1]));
            listening = true;
            done = settle();
        }
        complete(done, true);
    }

    /** A node acknowledged {@code acked} and holds a lease for {@code remainingMillis} more (0: it left). */
    void heard(String node, long acked, long remainingMillis) {
        List<Waiter> done;
        synchronized (this) {
            put(node, acked, remainingMillis);
            done = settle();
        }
        complete(done, true);
    }

    /** This node's listener read barrier {@code barrier}: every notification committed before it has been applied. */
    void read(long barrier) {
        List<Waiter> done;
        synchronized (this) {
            read = Math.max(read, barrier);
            done = settle();
        }
        complete(done, true);
    }

    /** Leases may have run out since the last event: completes the waits that no longer wait for anyone. */
    void tick() {
        List<Waiter> done;
        synchronized (this) {
            done = settle();
        }
        complete(done, true);
    }

    /** The listener lost its connection: nothing is known any more, and the waiting revocations are told so. */
    void lost() {
        List<Waiter> dropped;
        synchronized (this) {
            listening = false;
            peers.clear();
            dropped = new ArrayList<>(waiters);
            waiters.clear();
        }
        complete(dropped, false);
    }

    /**
     * Completes with {@code true} once every node has dropped what was revoked before {@code barrier} was sent, or
     * with {@code false} (at once or later) when this node cannot know, because its listener is not listening.
     */
    CompletableFuture<Boolean> acknowledged(long barrier) {
        CompletableFuture<Boolean> future = new CompletableFuture<>();
        List<Waiter> done;
        synchronized (this) {
            if (!listening) {
                return CompletableFuture.completedFuture(false);
            }
            waiters.add(new Waiter(barrier, future));
            done = settle();
        }
        complete(done, true);
        return future;
    }

    /** Completes outside the lock: what waits on a future runs in the thread that completes it. */
    private static void complete(List<Waiter> waiters, boolean value) {
        waiters.forEach(waiter -> waiter.done().complete(value));
    }

    /**
     * When the listener should look again at latest for a waiting revocation: the nearest end of a lease that some
     * wait still depends on, or {@code Long.MAX_VALUE} when no wait depends on any.
     */
    synchronized long nextLeaseEnd() {
        long now = nanoClock.getAsLong();
        long next = Long.MAX_VALUE;
        for (Waiter waiter : waiters) {
            for (Peer peer : peers.values()) {
                if (peer.acked() < waiter.barrier() && peer.leaseEnd() - now > 0) {
                    next = Math.min(next, peer.leaseEnd());
                }
            }
        }
        return next;
    }

    synchronized int waiting() {
        return waiters.size();
    }

    private void put(String node, long acked, long remainingMillis) {
        if (self.equals(node)) {
            return;
        }
        long leaseEnd = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, remainingMillis));
        Peer known = peers.get(node);
        peers.put(node, new Peer(known == null ? acked : Math.max(known.acked(), acked), leaseEnd));
    }

    /** Forgets nodes whose lease ran out, and takes out the waits that are over. */
    private List<Waiter> settle() {
        long now = nanoClock.getAsLong();
        peers.values().removeIf(peer -> peer.leaseEnd() - now <= 0);
        List<Waiter> done = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (read >= waiter.barrier()
                    && peers.values().stream().allMatch(peer -> peer.acked() >= waiter.barrier())) {
                it.remove();
                done.add(waiter);
            }
        }
        return done;
    }
}
