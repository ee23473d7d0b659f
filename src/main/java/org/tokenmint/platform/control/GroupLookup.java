package org.tokenmint.platform.control;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Reads the keys of concurrent callers in one round: the first caller that finds no round running takes every key
 * queued so far (up to {@code maxGroup}), runs the lookup once on its own thread and hands each waiting caller its
 * answer; callers that arrive meanwhile wait for the next round. Nothing is cached: every caller's answer is read
 * by a lookup that started after the caller asked, so a caller sees everything committed before it asked.
 *
 * <p>Under load this turns one database round trip per request into one per round; a lone caller runs its own
 * round at once and waits for nobody. One round runs at a time: letting a second round start while one is in
 * flight shrank the groups to single keys under the benchmark's load and cost more than it saved.
 *
 * @param <K> the key
 * @param <V> what the lookup finds for a key; a key missing from the lookup's map has no answer
 */
public final class GroupLookup<K, V> {

    private final Function<List<K>, Map<K, V>> lookup;
    private final int maxGroup;
    private final ConcurrentLinkedQueue<Waiter<K, V>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param lookup   reads the given distinct keys at once; what it throws, every caller of the round throws
     * @param maxGroup the most keys one round reads
     */
    public GroupLookup(Function<List<K>, Map<K, V>> lookup, int maxGroup) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be positive: " + maxGroup);
        }
        this.lookup = Objects.requireNonNull(lookup);
        this.maxGroup = maxGroup;
    }

    /** What a lookup that starts after this call finds for the key. */
    public Optional<V> get(K key) {
        Waiter<K, V> waiter = new Waiter<>(Objects.requireNonNull(key), Thread.currentThread());
        queue.add(waiter);
        boolean interrupted = false;
        while (!waiter.done) {
            if (running.compareAndSet(false, true)) {
                try {
                    runRound(waiter);
                } finally {
                    running.set(false);
                }
                // Whoever queued while this round ran has parked: wake the oldest to run the next round. A caller
                // that queued, then found the round running, is seen here, since it queued before it looked.
                Waiter<K, V> next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.thread);
                }
            } else {
                LockSupport.park(this);
                // An interrupt would make park return at once: remember it, wait on, and restore it afterwards.
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (waiter.failure != null) {
            throw new GroupLookupException(waiter.failure);
        }
        return Optional.ofNullable(waiter.value);
    }

    /** How many callers wait for a round (for tests that must know everyone has queued). */
    int queued() {
        return queue.size();
    }

    private void runRound(Waiter<K, V> self) {
        List<Waiter<K, V>> group = new ArrayList<>();
        Set<K> keys = new LinkedHashSet<>();
        for (Waiter<K, V> next; group.size() < maxGroup && (next = queue.poll()) != null; ) {
            group.add(next);
            keys.add(next.key);
        }
        if (group.isEmpty()) {
            return;
        }
        Map<K, V> found = null;
        Throwable failure = null;
        try {
            found = lookup.apply(List.copyOf(keys));
        } catch (RuntimeException | Error e) {
            // Whatever the lookup throws, every caller of the round must hear of it, or it would wait forever.
            failure = e;
        }
        for (Waiter<K, V> waiter : group) {
            if (failure == null) {
                waiter.value = found.get(waiter.key);
            } else {
                waiter.failure = failure;
            }
            waiter.done = true;
            if (waiter != self) {
                LockSupport.unpark(waiter.thread);
            }
        }
    }

    /** A lookup failed; its cause is what the lookup threw, shared by every caller of that round. */
    public static final class GroupLookupException extends RuntimeException {
        GroupLookupException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final class Waiter<K, V> {
        final K key;
        final Thread thread;
        V value;
        Throwable failure;
        /** Written last by the round's runner; its volatile write publishes value and failure. */
        volatile boolean done;

        Waiter(K key, Thread thread) {
            this.key = key;
            this.thread = thread;
        }
    }
}
