package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Paging.of on any query: a non-negative integer round-trips ({@code count} capped at 100, 0 kept), anything else
 * is a 400 invalid-params envelope, never a NumberFormatException.
 */
class PagingPropertiesTest {

    static final String SEED = "20261202";

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().greaterOrEqual(0).map(String::valueOf)),
                Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(2, Arbitraries.of("", "0", "-0", "+5", "00", "007", " 5", "5 ", "1e2", "0x10", "1.0", "NaN",
                        "2147483647", "2147483648", "-2147483648", "99999999999999999999", "\u0665", "\uff15",
                        "5\u0000", "\u00005", "-", "+", "\ud800")),
                Tuple.of(2, JsonFuzz.unicodeStrings(6)));
    }

    @Property(tries = 200, seed = SEED)
    void anyQuery(@ForAll("values") String offset, @ForAll("values") String count, @ForAll boolean withOffset,
            @ForAll boolean withCount) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        if (withOffset) {
            query.add("offset", offset);
        }
        if (withCount) {
            query.add("count", count);
            query.add("count", "7");
        }
        try {
            Paging paging = Paging.of(query);
            assertTrue(paging.offset() >= 0 && paging.count() >= 0 && paging.count() <= Paging.MAX_COUNT, paging::toString);
            assertEquals(withOffset && !offset.isEmpty() ? Integer.parseInt(offset) : 0, paging.offset());
            assertEquals(withCount && !count.isEmpty() ? Math.min(Integer.parseInt(count), 100) : 50, paging.count());
        } catch (ApiError error) {
            JsonFuzz.assertInvalidParams(error, 400);
            assertTrue(List.of("must be integer", "must be >= 0").contains(error.getMessage()), error.getMessage());
        } catch (RuntimeException other) {
            fail("Paging.of threw " + other, other);
        }
    }

    @Property(tries = 50, seed = SEED)
    void nonNegativeIntegersRoundTrip(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int offset,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int count) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        query.add("offset", String.valueOf(offset));
        query.add("count", String.valueOf(count));
        assertEquals(new Paging(offset, Math.min(count, Paging.MAX_COUNT)), Paging.of(query));
    }
}
