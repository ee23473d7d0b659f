package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;

/**
 * Paging.of on any query: a non-negative integer in ASCII digits round-trips ({@code count} capped at 100, 0 kept),
 * anything else is a 400 invalid-params envelope, never a NumberFormatException.
 */
class PagingFuzzTest {

    /**
     * The query as text, {@code key=value} pairs split at {@code &} (values as written, not URL-decoded, repeated
     * keys kept): a kept input is a query string such as {@code offset=5&count=+5}.
     */
    static MultivaluedMap<String, String> query(String text) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        for (String pair : text.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals >= 0) {
                query.add(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return query;
    }

    static boolean asciiDigits(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @FuzzTest(maxDuration = "1m")
    void anyQuery(FuzzedDataProvider data) {
        MultivaluedMap<String, String> query = query(JsonFuzz.remainingText(data));
        String offset = query.getFirst("offset");
        String count = query.getFirst("count");
        boolean valid = (offset == null || offset.isEmpty() || asciiDigits(offset) && fits(offset))
                && (count == null || count.isEmpty() || asciiDigits(count) && fits(count));
        try {
            Paging paging = Paging.of(query);
            assertTrue(valid, () -> "accepted " + query);
            assertTrue(paging.offset() >= 0 && paging.count() >= 0 && paging.count() <= Paging.MAX_COUNT, paging::toString);
            assertEquals(offset == null || offset.isEmpty() ? 0 : Integer.parseInt(offset), paging.offset());
            assertEquals(count == null || count.isEmpty() ? 50 : Math.min(Integer.parseInt(count), 100), paging.count());
        } catch (ApiError error) {
            assertTrue(!valid, () -> "refused " + query);
            JsonFuzz.assertInvalidParams(error, 400);
            assertTrue(List.of("must be integer", "must be >= 0").contains(error.getMessage()), error.getMessage());
        } catch (RuntimeException other) {
            fail("Paging.of threw " + other, other);
        }
    }

    static boolean fits(String digits) {
        return new java.math.BigInteger(digits).compareTo(java.math.BigInteger.valueOf(Integer.MAX_VALUE)) <= 0;
    }

    @FuzzTest(maxDuration = "30s")
    void nonNegativeIntegersRoundTrip(FuzzedDataProvider data) {
        int offset = data.consumeInt(0, Integer.MAX_VALUE);
        int count = data.consumeInt(0, Integer.MAX_VALUE);
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        query.add("offset", String.valueOf(offset));
        query.add("count", String.valueOf(count));
        assertEquals(new Paging(offset, Math.min(count, Paging.MAX_COUNT)), Paging.of(query));
    }
}
