package org.tokenmint.platform.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Dates as Rocket.Chat writes them (a JavaScript {@code Date} in JSON): {@code 2026-01-31T12:00:00.000Z}. */
public final class WireDates {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds: the years the pattern writes right. */
    private static final long YEAR_1 = -62_135_596_800L;
    private static final long YEAR_10000 = 253_402_300_800L;

    private WireDates() {
    }

    /** Also beyond the years 1 to 9999, as JavaScript's {@code toISOString}: {@code 0000}, {@code +010000}, {@code -000001}. */
    public static String format(Instant instant) {
        String text = FORMAT.format(instant);
        long seconds = instant.getEpochSecond();
        if (seconds >= YEAR_1 && seconds < YEAR_10000) {
            return text;
        }
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        String sign = year > 9999 ? "+" : year < 0 ? "-" : "";
        String digits = year == 0 ? "0000" : String.format("%06d", Math.abs((long) year));
        return sign + digits + text.substring(text.indexOf('-', 1));
    }

    /** Now, at the millisecond precision that the wire and the database both keep. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Parses what JavaScript's {@code new Date(string)} accepts in ISO form: a date, or a date-time with zone, within
     * the range a JavaScript {@code Date} holds (100,000,000 days either side of 1970). Beyond it JavaScript has an
     * invalid date; here such a year, up to Java's 999,999,999, would overflow {@code java.sql.Timestamp}.
     */
    public static Optional<Instant> parse(String value) {
        return parseIso(value).filter(instant -> !instant.isBefore(JS_MIN) && !instant.isAfter(JS_MAX));
    }

    private static final Instant JS_MIN = Instant.ofEpochMilli(-8_640_000_000_000_000L);
    private static final Instant JS_MAX = Instant.ofEpochMilli(8_640_000_000_000_000L);

    private static Optional<Instant> parseIso(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(java.time.LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notDate) {
                try {
                    return Optional.of(java.time.LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notLocal) {
                    return Optional.empty();
                }
            }
        }
    }
}
