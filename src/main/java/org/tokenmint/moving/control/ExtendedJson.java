package org.tokenmint.moving.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the values of MongoDB Extended JSON v2 that {@code mongoexport} writes, in both modes: relaxed
 * ({@code {"$date":"2024-05-01T10:00:00.000Z"}}, plain numbers) and canonical ({@code {"$date":{"$numberLong":"..."}}},
 * {@code {"$numberInt":"2"}}, {@code {"$numberDouble":"5.5"}}), and the legacy shell mode's {@code {"$date":<millis>}}.
 * A value of another type than asked for reads as empty, never as an exception: the mapping decides what a missing
 * value means.
 */
public final class ExtendedJson {

    private ExtendedJson() {
    }

    /** A string, or an ObjectId ({@code {"$oid":"..."}}) as its hex text. */
    public static Optional<String> string(JsonValue value) {
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        if (value instanceof JsonObject object && object.size() == 1 && object.get("$oid") instanceof JsonString oid) {
            return Optional.of(oid.getString());
        }
        return Optional.empty();
    }

    public static Optional<Boolean> bool(JsonValue value) {
        if (value == JsonValue.TRUE) {
            return Optional.of(true);
        }
        if (value == JsonValue.FALSE) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** A number in any of its forms: plain, {@code $numberInt}, {@code $numberLong}, {@code $numberDouble}, {@code $numberDecimal}. */
    public static Optional<BigDecimal> number(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return Optional.of(number.bigDecimalValue());
        }
        if (value instanceof JsonObject object && object.size() == 1) {
            for (String key : new String[] {"$numberInt", "$numberLong", "$numberDouble", "$numberDecimal"}) {
                if (object.get(key) instanceof JsonString text) {
                    try {
                        return Optional.of(new BigDecimal(text.getString()));
                    } catch (NumberFormatException e) {
                        return Optional.empty(); // "NaN", "Infinity"
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A date: {@code {"$date": <ISO-8601 text> | {"$numberLong":"<ms>"} | <ms>}}. An ISO text without a zone is not
     * one mongoexport writes, and reads as empty.
     */
    public static Optional<Instant> date(JsonValue value) {
        if (!(value instanceof JsonObject object) || object.size() != 1 || !object.containsKey("$date")) {
            return Optional.empty();
        }
        JsonValue inner = object.get("$date");
        if (inner instanceof JsonString text) {
            try {
                return Optional.of(OffsetDateTime.parse(text.getString()).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return number(inner).flatMap(ExtendedJson::millis);
    }

    private static Optional<Instant> millis(BigDecimal value) {
        try {
            return Optional.of(Instant.ofEpochMilli(value.longValueExact()));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
