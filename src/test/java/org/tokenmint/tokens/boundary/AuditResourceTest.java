package org.tokenmint.tokens.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.MultivaluedHashMap;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tokenmint.platform.control.ApiError;

class AuditResourceTest {

    static Optional<Instant> date(String key, String value) {
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.add(key, value);
        return AuditResource.date(query, key);
    }

    /**
     * Found by fuzzing: JavaScript's Date reaches back to 271821 BC, PostgreSQL only to 4713 BC, so
     * {@code start=-005000-01-01} reached the query and PostgreSQL refused it (timestamp out of range): a 500.
     */
    @ParameterizedTest
    @ValueSource(strings = {"-005000-01-01", "-004713-12-31T23:59:59.999Z", "-271821-04-20"})
    void aDateBefore4713BcIsTheInvalidDate400(String value) {
        for (String key : new String[] {"start", "end"}) {
            ApiError error = assertThrows(ApiError.class, () -> date(key, value));
            assertEquals(400, error.status());
            assertEquals("invalid-params", error.body().getString("errorType"));
            assertEquals("must match format \"date-time\"", error.getMessage());
        }
    }

    @Test
    void from4713BcOnADateIsADate() {
        Instant first = Instant.parse("-4712-01-01T00:00:00Z");
        assertEquals(Optional.of(first), date("start", "-004712-01-01"));
        assertEquals(Optional.of(first), date("end", "-004712-01-01T00:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-01-31T00:00:00Z")), date("start", "2026-01-31"));
    }
}
