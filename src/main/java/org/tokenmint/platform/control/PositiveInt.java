package org.tokenmint.platform.control;

import java.util.Optional;

/**
 * A numeric setting as Rocket.Chat reads it: a positive whole number. {@link PositiveIntConverter} makes it a type
 * MicroProfile Config converts to; {@link Settings#positiveInt} turns a value that is not one into the default.
 */
public record PositiveInt(int value) {

    public PositiveInt {
        if (value <= 0) {
            throw new IllegalArgumentException("not positive: " + value);
        }
    }

    /** The text as a whole number (a fraction is cut off), or nothing when it is not a positive number. */
    public static Optional<PositiveInt> read(String text) {
        try {
            int parsed = (int) Math.floor(Double.parseDouble(text.trim()));
            return parsed > 0 ? Optional.of(new PositiveInt(parsed)) : Optional.empty();
        } catch (RuntimeException notANumber) {
            return Optional.empty();
        }
    }
}
