package org.tokenmint.platform.control;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Rocket.Chat's paging query ({@code getPaginationItems}): {@code offset} (default 0) and {@code count} (default 50,
 * at most 100, 0 meaning all). A value that is not a non-negative integer is an invalid-params error.
 */
public record Paging(int offset, int count) {

    public static final int DEFAULT_COUNT = 50;
    public static final int MAX_COUNT = 100;

    public static Paging of(MultivaluedMap<String, String> query) {
        int offset = number(query.getFirst("offset"), 0);
        int count = number(query.getFirst("count"), DEFAULT_COUNT);
        return new Paging(offset, Math.min(count, MAX_COUNT));
    }

    /** ASCII digits only: {@code Integer.parseInt} would also read {@code +5} and other scripts' digits ({@code ٥}). */
    static int number(String value, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        boolean negative = value.charAt(0) == '-' && value.length() > 1;
        for (int i = negative ? 1 : 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw ApiError.invalidParams("must be integer");
            }
        }
        if (negative) {
            throw ApiError.invalidParams("must be >= 0");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException tooLarge) {
            throw ApiError.invalidParams("must be integer");
        }
    }
}
