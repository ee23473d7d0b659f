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

    private WireDates() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Now, at the millisecond precision that the wire and the database both keep. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Parses what JavaScript's {@code new Date(string)} accepts in ISO form: a date, or a date-time with zone. */
    public static Optional<Instant> parse(String value) {
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
