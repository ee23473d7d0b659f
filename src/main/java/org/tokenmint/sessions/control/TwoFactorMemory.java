package org.tokenmint.sessions.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which (token, client address, user agent) passed the two-factor step, and until when: Rocket.Chat's
 * {@code Accounts_TwoFactorAuthentication_RememberFor}. Kept in this node's memory only: a client sent to another node
 * is asked once more there. Entries go when they run out (swept once the map grows) or with the node.
 */
public final class TwoFactorMemory {

    /** Beyond this many entries, those run out are swept on the next pass. */
    static final int SWEEP_ABOVE = 10_000;

    private final Map<Key, Long> until = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    record Key(long tokenId, String address, String userAgent) {
    }

    public TwoFactorMemory(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Remembers that this token passed the step from this address and user agent, for {@code nanos}. */
    public void passed(long tokenId, String address, String userAgent, long nanos) {
        if (nanos <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (until.size() > SWEEP_ABOVE) {
            until.values().removeIf(end -> end - now <= 0);
        }
        until.put(new Key(tokenId, address, String.valueOf(userAgent)), now + nanos);
    }

    /** Whether this token passed the step from this address and user agent, and that is still remembered. */
    public boolean remembers(long tokenId, String address, String userAgent) {
        Long end = until.get(new Key(tokenId, address, String.valueOf(userAgent)));
        return end != null && end - nanoClock.getAsLong() > 0;
    }

    int size() {
        return until.size();
    }
}
