package org.tokenmint.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tokenmint.sessions.control.BlockRule.Recent;

/**
 * The blocking rule on an injected clock: a log of failure times stands in for one key's rows, read as the check
 * statement reads them (the newest {@link BlockRule#reads()}), and a login that the rule refuses writes nothing, as in
 * {@link Logins}.
 */
class BlockRuleTest {

    static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    /** One key's failures, and what a password login of that key does at a given time. */
    static final class Key {
        final BlockRule rule;
        final List<Instant> failures = new ArrayList<>();

        Key(BlockRule rule) {
            this.rule = rule;
        }

        Recent recent() {
            List<Instant> newest = failures.stream().sorted(Comparator.reverseOrder()).limit(rule.reads()).toList();
            return newest.isEmpty() ? Recent.NONE
                    : new Recent(newest.size(), newest.get(0), newest.get(newest.size() - 1));
        }

        Optional<Instant> blockedUntil(Instant now) {
            return rule.blockedUntil(recent(), now);
        }

        /** A failed login at {@code now}: refused (not counted) while blocked, else counted. True when refused. */
        boolean fail(Instant now) {
            if (blockedUntil(now).isPresent()) {
                return true;
            }
            failures.add(now);
            return false;
        }
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void theLimitWithinTheWindowBlocksUntilTheWindowHasPassedSinceTheLastCountedFailure() {
        Key user = new Key(new BlockRule(true, 10, FIVE_MINUTES));
        for (int i = 0; i < 9; i++) {
            assertFalse(user.fail(at(i)), "failure " + (i + 1) + " is below the limit");
        }
        assertTrue(user.blockedUntil(at(9)).isEmpty(), "nine failures block nothing");
        assertFalse(user.fail(at(9)), "the tenth failure is answered as a failure, and counted");
        assertEquals(Optional.of(at(9).plus(FIVE_MINUTES)), user.blockedUntil(at(10)));
        assertTrue(user.fail(at(200)), "refused while blocked, even with the right password");
        assertTrue(user.fail(at(9 + 299)), "one second before the end");
        assertTrue(user.blockedUntil(at(9 + 300)).isEmpty(), "let through at newest + window exactly");
        assertEquals(10, user.failures.size(), "refused logins were not counted");
    }

    @Test
    void refusedAttemptsDoNotProlongTheBlock() {
        Key address = new Key(new BlockRule(true, 3, FIVE_MINUTES));
        address.fail(at(0));
        address.fail(at(1));
        address.fail(at(2));
        for (long s = 3; s < 302; s += 7) {
            assertTrue(address.fail(at(s)), "second " + s);
        }
        assertTrue(address.blockedUntil(at(302)).isEmpty(), "free five minutes after the third failure");
        assertFalse(address.fail(at(302)), "the first failure after the block counts again");
        assertTrue(address.blockedUntil(at(303)).isEmpty(), "one failure in the new window blocks nothing");
    }

    @Test
    void failuresSpreadWiderThanTheWindowNeverBlock() {
        Key user = new Key(new BlockRule(true, 3, FIVE_MINUTES));
        for (int i = 0; i < 20; i++) {
            assertFalse(user.fail(at(i * 151L)), "two failures per 5 min at most, failure " + i);
        }
    }

    @Test
    void theWindowIsMeasuredFromTheNewestFailureBackwards() {
        Key user = new Key(new BlockRule(true, 3, FIVE_MINUTES));
        user.fail(at(0));
        user.fail(at(240));
        user.fail(at(300));
        assertEquals(Optional.of(at(600)), user.blockedUntil(at(301)),
                "three failures within 300 s of the newest: a block of five minutes from the newest");
        Key later = new Key(new BlockRule(true, 3, FIVE_MINUTES));
        later.fail(at(0));
        later.fail(at(240));
        later.fail(at(301));
        assertTrue(later.blockedUntil(at(302)).isEmpty(), "the first failure is 301 s before the newest");
    }

    @Test
    void onlyTheNewestFailuresDecide() {
        BlockRule rule = new BlockRule(true, 2, FIVE_MINUTES);
        assertEquals(2, rule.reads());
        assertEquals(Optional.of(at(310)), rule.blockedUntil(new Recent(2, at(10), at(9)), at(11)));
        assertTrue(rule.blockedUntil(new Recent(1, at(10), at(10)), at(11)).isEmpty());
    }

    @Test
    void aRuleThatIsOffReadsNothingAndBlocksNothing() {
        BlockRule off = new BlockRule(false, 1, FIVE_MINUTES);
        assertEquals(0, off.reads());
        assertTrue(off.blockedUntil(new Recent(5, at(10), at(9)), at(11)).isEmpty());
        assertTrue(new BlockRule(true, 1, FIVE_MINUTES).blockedUntil(Recent.NONE, at(0)).isEmpty());
    }

    @Test
    void aRuleNeedsPositiveFigures() {
        assertThrows(IllegalArgumentException.class, () -> new BlockRule(true, 0, FIVE_MINUTES));
        assertThrows(IllegalArgumentException.class, () -> new BlockRule(true, 1, Duration.ZERO));
    }
}
