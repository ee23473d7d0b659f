package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rocket.Chat's fixed windows, on the limiter's own clock argument: no waiting for real windows to pass. */
class RateLimiterTest {

    static RateLimiter limiter(int calls, long millis) {
        RateLimiter limiter = new RateLimiter();
        limiter.enabled = "true";
        limiter.callsPerWindow = calls;
        limiter.windowMillis = millis;
        return limiter;
    }

    @Test
    void allowsTheLimitPerWindowThenRefusesWithTheHeadersFigures() {
        RateLimiter limiter = limiter(5, 4_000);
        for (int call = 1; call <= 5; call++) {
            RateLimiter.Decision decision = limiter.hit("k", 1_000 + call);
            assertTrue(decision.allowed(), "call " + call);
            assertEquals(5, decision.limit());
            assertEquals(5 - call, decision.remaining());
            assertEquals(5_001, decision.resetAtMillis(), "the window began with the first call");
        }
        RateLimiter.Decision refused = limiter.hit("k", 1_010);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        assertEquals(4, refused.secondsToWait(1_010), "3,991 ms, in whole seconds rounded up");
        assertEquals(1, refused.secondsToWait(5_000));
    }

    @Test
    void aNewWindowBeginsWhenTheOldOneHasPassed() {
        RateLimiter limiter = limiter(2, 4_000);
        limiter.hit("k", 0);
        limiter.hit("k", 1);
        assertFalse(limiter.hit("k", 3_999).allowed(), "still the first window");
        RateLimiter.Decision fresh = limiter.hit("k", 4_000);
        assertTrue(fresh.allowed());
        assertEquals(1, fresh.remaining());
        assertEquals(8_000, fresh.resetAtMillis());
    }

    @Test
    void eachKeyCountsAlone() {
        RateLimiter limiter = limiter(1, 60_000);
        assertTrue(limiter.hit("10.0.0.1 GET me", 0).allowed());
        assertFalse(limiter.hit("10.0.0.1 GET me", 1).allowed());
        assertTrue(limiter.hit("10.0.0.1 GET roles.list", 2).allowed(), "another route");
        assertTrue(limiter.hit("10.0.0.2 GET me", 3).allowed(), "another address");
    }

    @Test
    void expiredWindowsAreSweptOnceThereAreMany() {
        RateLimiter limiter = limiter(10, 1_000);
        for (int key = 0; key <= RateLimiter.SWEEP_ABOVE; key++) {
            limiter.hit("k" + key, 0);
        }
        limiter.hit("late", 5_000);
        assertEquals(1, limiter.windows(), "only the live window is left");
    }

    @Test
    void onlyFalseTurnsItOff() {
        RateLimiter limiter = limiter(10, 1_000);
        assertTrue(limiter.isEnabled());
        limiter.enabled = "FALSE";
        assertFalse(limiter.isEnabled());
    }
}
