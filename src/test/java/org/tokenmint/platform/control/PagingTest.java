package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

    static Paging of(String key, String value) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        query.add(key, value);
        return Paging.of(query);
    }

    @Test
    void defaultsAndCap() {
        assertEquals(new Paging(0, 50), Paging.of(new MultivaluedHashMap<>()));
        assertEquals(new Paging(0, 100), of("count", "1000"));
        assertEquals(new Paging(0, 0), of("count", "0"));
        assertEquals(new Paging(7, 50), of("offset", "007"));
    }

    /** Found by fuzzing: Integer.parseInt also reads other scripts' digits and a plus sign. */
    @ParameterizedTest
    @ValueSource(strings = {"\u0665", "\uff15", "+5", "+0", "\u0661\u0660", "5\u0660", " 5", "5 ", "0x10", "2147483648", "-"})
    void onlyAsciiDigitsAreANumber(String value) {
        for (String key : new String[] {"offset", "count"}) {
            ApiError error = assertThrows(ApiError.class, () -> of(key, value));
            assertEquals(400, error.status());
            assertEquals("invalid-params", error.body().getString("errorType"));
            assertEquals("must be integer", error.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0", "-99999999999"})
    void aMinusSignIsNegative(String value) {
        assertEquals("must be >= 0", assertThrows(ApiError.class, () -> of("count", value)).getMessage());
    }
}
