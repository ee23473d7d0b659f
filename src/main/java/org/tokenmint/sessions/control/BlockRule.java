package org.tokenmint.sessions.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One of Rocket.Chat's two failed-login rules, by client address or by login name: {@code attempts} failures within
 * {@code window} block every login of that address or name until {@code window} has passed since the failure that
 * reached the limit. Logins refused as blocked are not counted, so that failure is the newest one, and a block
 * never outlasts its window, however long the refused client keeps trying.
 */
public record BlockRule(boolean enabled, int attempts, Duration window) {

    /**
     * The newest failures of one address or name as the database holds them: how many were read (at most
     * {@link BlockRule#reads()}), the newest and the oldest of those.
     */
    public record Recent(int count, Instant newest, Instant oldest) {

        public static final Recent NONE = new Recent(0, null, null);
    }

    public BlockRule {
        if (attempts <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rule needs positive attempts and window");
        }
    }

    /** How many of the newest failures the rule decides on: its limit, none when it is off. */
    public int reads() {
        return enabled ? attempts : 0;
    }

    /**
     * Until when these failures block, measured on the same clock as their times: blocked when the rule is on, the
     * limit is reached, all those failures lie within one window ending at the newest, and that window has not yet
     * passed again since the newest ({@code now} before {@code newest + window}, as Rocket.Chat's
     * {@code isSameOrAfter} lets the login through at that instant).
     */
    public Optional<Instant> blockedUntil(Recent recent, Instant now) {
        if (!enabled || recent.count() < attempts || recent.oldest().isBefore(recent.newest().minus(window))) {
            return Optional.empty();
        }
        Instant until = recent.newest().plus(window);
        return now.isBefore(until) ? Optional.of(until) : Optional.empty();
    }
}
