package org.tokenmint.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.JsonFuzz;

/**
 * audit.tokens' {@code start} and {@code end}: a date the query can bind as a {@link Timestamp} (which wraps around
 * silently beyond its range) and PostgreSQL can hold (4714-11-24 BC to 294276 AD), or the 400 invalid-params
 * {@code must match format "date-time"}.
 */
class AuditQueryFuzzTest {

    /** PostgreSQL's timestamps begin on 24 November 4714 BC (Julian day 0) and end in the year 294276. */
    static final Instant POSTGRESQL_START = Instant.parse("-4713-11-24T00:00:00Z");
    static final Instant POSTGRESQL_END = Instant.parse("+294277-01-01T00:00:00Z");

    static final String[] DATES = {"2026-01-31", "+999999999-12-31", "-999999999-01-01", "+292278994-08-17T07:12:55.808Z",
        "+275760-09-13T00:00:00.001Z", "+275760-09-13", "-271821-04-20", "2026-01-31T12:00:00+18:00", "-005000-01-01",
        "-004712-01-01", "-004713-12-31T23:59:59.999Z"};

    /** A date as written (a kept input ending in a newline), a known one, a year anywhere Java reads one, or any text. */
    static String value(FuzzedDataProvider data) {
        Optional<byte[]> written = JsonFuzz.asWritten(data);
        if (written.isPresent()) {
            return JsonFuzz.text(written.get());
        }
        return switch (data.consumeInt(0, 2)) {
            case 0 -> data.pickValue(DATES);
            case 1 -> {
                int year = data.consumeInt(-999_999_999, 999_999_999);
                yield (year < 0 ? "-" : "+") + String.format("%09d", Math.abs((long) year)) + "-06-15";
            }
            default -> JsonFuzz.unicodeStrings(12).next(data);
        };
    }

    @FuzzTest(maxDuration = "1m")
    void startAndEndBindOrAre400(FuzzedDataProvider data) {
        String value = value(data);
        for (String key : List.of("start", "end")) {
            MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
            query.add(key, value);
            try {
                AuditResource.date(query, key).ifPresent(instant -> {
                    assertEquals(instant, Timestamp.from(instant).toInstant(), value);
                    assertTrue(!instant.isBefore(POSTGRESQL_START) && instant.isBefore(POSTGRESQL_END), value);
                });
            } catch (ApiError error) {
                JsonFuzz.assertInvalidParams(error, 400);
                assertEquals("must match format \"date-time\"", error.getMessage());
            } catch (RuntimeException other) {
                fail(value + " threw " + other, other);
            }
        }
    }

    static ApiError refused(String key, String value) {
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.add(key, value);
        return assertThrows(ApiError.class, () -> AuditResource.date(query, key), value);
    }

    /**
     * Found by startAndEndBindOrAre400: this was bound as a Timestamp that had wrapped around to the year
     * -169108099, which PostgreSQL refuses (timestamp out of range): a 500.
     */
    @Test
    void aYearBeyondJavaScriptsDateIsA400() {
        assertEquals("must match format \"date-time\"", refused("start", "+999999999-12-31").getMessage());
    }
}
