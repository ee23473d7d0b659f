package org.tokenmint.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Mints for one user take turns on this node before they touch the database. A mint locks its user's row until it
 * commits, so concurrent mints for one user wait on each other anyway; without this, each would wait holding a pooled
 * connection, and a burst for one user (an SSO bridge minting for a service account, say) could take every
 * connection of the pool and fail unrelated requests. With it, at most one mint per user and node waits in the
 * database; the others wait here, holding nothing. Users share {@value #STRIPES} turns by hash, which only ever makes
 * two users' mints take turns that need not.
 */
@ApplicationScoped
public class MintTurns {

    static final int STRIPES = 256;
    /** A turn not had within this long fails the request: the database is stuck, or the node is. */
    static final long WAIT_SECONDS = 10;

    private final ReentrantLock[] turns = new ReentrantLock[STRIPES];
    long waitNanos = TimeUnit.SECONDS.toNanos(WAIT_SECONDS);

    public MintTurns() {
        for (int i = 0; i < STRIPES; i++) {
            turns[i] = new ReentrantLock(true);
        }
    }

    /** Runs the work in the user's turn: {@code user} is an id or a username, compared case-insensitively. */
    public <T> T inTurn(String user, Supplier<T> work) {
        ReentrantLock turn = turns[Math.floorMod(user.toLowerCase(Locale.ROOT).hashCode(), STRIPES)];
        boolean had;
        try {
            had = turn.tryLock(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a mint's turn", e);
        }
        if (!had) {
            throw new IllegalStateException("A mint waited " + WAIT_SECONDS + " s for its turn");
        }
        try {
            return work.get();
        } finally {
            turn.unlock();
        }
    }
}
