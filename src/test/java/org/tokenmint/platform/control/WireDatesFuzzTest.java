package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * WireDates.parse on any text: it answers a date or nothing (the caller's 400), never throws, and a date it
 * answers is one JavaScript's {@code Date} can hold (±8.64e15 ms around the epoch), as Rocket.Chat's
 * {@code new Date(string)} would; what format writes, parse reads back.
 */
class WireDatesFuzzTest {

    /** JavaScript's Date range: 100,000,000 days either side of the epoch. */
    static final Instant JS_MIN = Instant.ofEpochMilli(-8_640_000_000_000_000L);
    static final Instant JS_MAX = Instant.ofEpochMilli(8_640_000_000_000_000L);

    @FuzzTest(maxDuration = "30s")
    void formatThenParseRoundTrips(FuzzedDataProvider data) {
        Instant instant = Instant.ofEpochMilli(data.consumeLong(JS_MIN.toEpochMilli(), JS_MAX.toEpochMilli()));
        assertEquals(Optional.of(instant), WireDates.parse(WireDates.format(instant)));
    }

    static final String[] INSERTS = {"", "0", "9", "+", "-", ":", "T", "Z", " ", "\u0000", "\u0665", "60", "+18:00",
        "-18:01", ".123456789", "[UTC]", "\ud800"};

    /**
     * A text as written (a kept input: one date per file, ending in a newline), or a formatted date with one
     * character replaced by something dates are made of.
     */
    static String text(FuzzedDataProvider data) {
        Optional<byte[]> written = JsonFuzz.asWritten(data);
        if (written.isPresent()) {
            return JsonFuzz.text(written.get());
        }
        String text = WireDates.format(Instant.ofEpochMilli(data.consumeLong() % 253402300799999L));
        if (data.consumeBoolean()) {
            int at = data.consumeInt(0, text.length() - 1);
            text = text.substring(0, at) + data.pickValue(INSERTS) + text.substring(at + 1);
        }
        return text;
    }

    @FuzzTest(maxDuration = "2m")
    void anyTextIsADateJavaScriptCanHoldOrNothing(FuzzedDataProvider data) {
        String text = text(data);
        Optional<Instant> parsed;
        try {
            parsed = WireDates.parse(text);
        } catch (RuntimeException other) {
            fail("WireDates.parse threw " + other, other);
            return;
        }
        parsed.ifPresent(instant -> {
            assertTrue(!instant.isBefore(JS_MIN) && !instant.isAfter(JS_MAX), () -> text + " gave " + instant);
            assertEquals(Optional.of(instant.truncatedTo(ChronoUnit.MILLIS)), WireDates.parse(WireDates.format(instant)),
                    text);
        });
    }

    /** Found by formatThenParseRoundTrips: the pattern's year-of-era wrote 1 BC as 0001 and 10000 without its sign. */
    @Test
    void yearsBeyondFourDigitsAreWrittenAsJavaScriptWritesThem() {
        assertEquals("0000-12-31T23:59:59.999Z", WireDates.format(Instant.parse("0000-12-31T23:59:59.999Z")));
        assertEquals("-000001-01-01T00:00:00.000Z", WireDates.format(Instant.parse("-0001-01-01T00:00:00Z")));
        assertEquals("+010000-01-01T00:00:00.000Z", WireDates.format(Instant.parse("+10000-01-01T00:00:00Z")));
        assertEquals("+275760-09-13T00:00:00.000Z", WireDates.format(JS_MAX));
        assertEquals("-271821-04-20T00:00:00.000Z", WireDates.format(JS_MIN));
        assertEquals("9999-12-31T23:59:59.999Z", WireDates.format(Instant.parse("9999-12-31T23:59:59.999Z")));
        assertEquals("0001-01-01T00:00:00.000Z", WireDates.format(Instant.parse("0001-01-01T00:00:00Z")));
    }

    /**
     * Found by anyTextIsADateJavaScriptCanHoldOrNothing: Java reads years up to 999,999,999, which JavaScript calls an
     * invalid date and which overflow java.sql.Timestamp (audit.tokens?start=+999999999-12-31 was a 500).
     */
    @Test
    void datesBeyondJavaScriptsRangeAreNoDates() {
        assertEquals(Optional.empty(), WireDates.parse("+999999999-12-31"));
        assertEquals(Optional.empty(), WireDates.parse("+275760-09-13T00:00:00.001Z"));
        assertEquals(Optional.empty(), WireDates.parse("-271821-04-19T23:59:59.999Z"));
        assertEquals(Optional.of(JS_MAX), WireDates.parse("+275760-09-13T00:00:00.000Z"));
        assertEquals(Optional.of(JS_MIN), WireDates.parse("-271821-04-20"));
    }
}
