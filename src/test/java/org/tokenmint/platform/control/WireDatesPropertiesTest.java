package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * WireDates.parse on any text: it answers a date or nothing (the caller's 400), never throws, and a date it
 * answers is one JavaScript's {@code Date} can hold (±8.64e15 ms around the epoch), as Rocket.Chat's
 * {@code new Date(string)} would; what format writes, parse reads back.
 */
class WireDatesPropertiesTest {

    static final String SEED = "20261202";

    /** JavaScript's Date range: 100,000,000 days either side of the epoch. */
    static final Instant JS_MIN = Instant.ofEpochMilli(-8_640_000_000_000_000L);
    static final Instant JS_MAX = Instant.ofEpochMilli(8_640_000_000_000_000L);

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-8_640_000_000_000_000L, 8_640_000_000_000_000L).map(Instant::ofEpochMilli);
    }

    @Property(tries = 150, seed = SEED)
    void formatThenParseRoundTrips(@ForAll("instants") Instant instant) {
        assertEquals(Optional.of(instant), WireDates.parse(WireDates.format(instant)));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> formatted = Arbitraries.longs().map(ms -> WireDates.format(Instant.ofEpochMilli(ms % 253402300799999L)));
        Arbitrary<String> mutated = formatted.flatMap(text -> Arbitraries.integers().between(0, text.length() - 1)
                .flatMap(at -> Arbitraries.of("", "0", "9", "+", "-", ":", "T", "Z", " ", "\u0000", "\u0665", "60",
                        "+18:00", "-18:01", ".123456789", "[UTC]", "\ud800")
                        .map(insert -> text.substring(0, at) + insert + text.substring(at + 1))));
        return Arbitraries.frequencyOf(
                Tuple.of(2, formatted),
                Tuple.of(4, mutated),
                Tuple.of(2, Arbitraries.of("+999999999-12-31", "-999999999-01-01", "+999999999-12-31T23:59:59.999-18:00",
                        "+275760-09-13T00:00:00.000Z", "+275760-09-13T00:00:00.001Z", "-271821-04-20T00:00:00.000Z",
                        "-271821-04-19T23:59:59.999Z", "+100000-01-01", "0000-01-01", "-0001-01-01", "2026-02-29",
                        "2024-02-29", "2026-01-31T24:00:00Z", "2026-01-31T23:59:60Z", "2026-01-31T12:00",
                        "2026-01-31T12:00:00.1234567891Z", "2026-01-31", "   ", "", "2026-1-1")),
                Tuple.of(1, JsonFuzz.unicodeStrings(24)));
    }

    @Property(tries = 300, seed = SEED)
    void anyTextIsADateJavaScriptCanHoldOrNothing(@ForAll("texts") String text) {
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
    @Example
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
    @Example
    void datesBeyondJavaScriptsRangeAreNoDates() {
        assertEquals(Optional.empty(), WireDates.parse("+999999999-12-31"));
        assertEquals(Optional.empty(), WireDates.parse("+275760-09-13T00:00:00.001Z"));
        assertEquals(Optional.empty(), WireDates.parse("-271821-04-19T23:59:59.999Z"));
        assertEquals(Optional.of(JS_MAX), WireDates.parse("+275760-09-13T00:00:00.000Z"));
        assertEquals(Optional.of(JS_MIN), WireDates.parse("-271821-04-20"));
    }
}
