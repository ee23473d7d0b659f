package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireDatesTest {

    @Test
    void formatsLikeJavaScriptDates() {
        assertEquals("2026-01-02T03:04:05.060Z", WireDates.format(Instant.parse("2026-01-02T03:04:05.06Z")));
        assertEquals("2026-01-02T03:04:05.000Z", WireDates.format(Instant.parse("2026-01-02T03:04:05Z")));
    }

    @Test
    void parsesIsoDatesAndRejectsOthers() {
        assertEquals(Instant.parse("2026-01-02T00:00:00Z"), WireDates.parse("2026-01-02").orElseThrow());
        assertEquals(Instant.parse("2026-01-02T03:04:05.123Z"), WireDates.parse("2026-01-02T03:04:05.123Z").orElseThrow());
        assertTrue(WireDates.parse("yesterday").isEmpty());
        assertTrue(WireDates.parse("").isEmpty());
    }
}
