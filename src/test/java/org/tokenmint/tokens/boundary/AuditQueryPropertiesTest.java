package org.tokenmint.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ws.rs.core.MultivaluedHashMap;
import java.sql.Timestamp;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.JsonFuzz;

/**
 * audit.tokens' {@code start} and {@code end}: a date the query can bind as a {@link Timestamp} (which wraps around
 * silently beyond its range) and PostgreSQL can hold (up to the year 294276), or the 400 invalid-params
 * {@code must match format "date-time"}.
 */
class AuditQueryPropertiesTest {

    static final String SEED = "20261202";

    /** PostgreSQL's timestamps end in the year 294276. */
    static final java.time.Instant POSTGRESQL_END = java.time.Instant.parse("+294277-01-01T00:00:00Z");

    @Provide
    Arbitrary<String> dates() {
        return Arbitraries.oneOf(
                Arbitraries.of("2026-01-31", "+999999999-12-31", "-999999999-01-01", "+292278994-08-17T07:12:55.808Z",
                        "+275760-09-13T00:00:00.001Z", "+275760-09-13", "-271821-04-20", "2026-01-31T12:00:00+18:00"),
                Arbitraries.integers().between(-999_999_999, 999_999_999)
                        .map(year -> (year < 0 ? "-" : "+") + String.format("%09d", Math.abs(year)) + "-06-15"),
                JsonFuzz.unicodeStrings(12));
    }

    @Property(tries = 150, seed = SEED)
    void startAndEndBindOrAre400(@ForAll("dates") String value) {
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.add("start", value);
        try {
            AuditResource.date(query, "start").ifPresent(instant -> {
                assertEquals(instant, Timestamp.from(instant).toInstant(), value);
                assertTrue(instant.isBefore(POSTGRESQL_END), value);
            });
        } catch (ApiError error) {
            JsonFuzz.assertInvalidParams(error, 400);
            assertEquals("must match format \"date-time\"", error.getMessage());
        } catch (RuntimeException other) {
            fail(value + " threw " + other, other);
        }
    }

    /**
     * Found by startAndEndBindOrAre400: this was bound as a Timestamp that had wrapped around to the year
     * -169108099, which PostgreSQL refuses (timestamp out of range): a 500.
     */
    @Example
    void aYearBeyondJavaScriptsDateIsA400() {
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.add("start", "+999999999-12-31");
        ApiError error = org.junit.jupiter.api.Assertions.assertThrows(ApiError.class,
                () -> AuditResource.date(query, "start"));
        assertEquals("must match format \"date-time\"", error.getMessage());
    }
}
