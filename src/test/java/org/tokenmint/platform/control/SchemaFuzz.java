package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.tokenmint.platform.control.JsonFuzz.Arr;
import org.tokenmint.platform.control.JsonFuzz.Bool;
import org.tokenmint.platform.control.JsonFuzz.Node;
import org.tokenmint.platform.control.JsonFuzz.Null;
import org.tokenmint.platform.control.JsonFuzz.Obj;
import org.tokenmint.platform.control.JsonFuzz.Str;
import org.tokenmint.platform.control.ObjectSchema.Type;

/**
 * An independent reading of a route's JSON schema, as ajv checks it (required in declaration order, then
 * additionalProperties, then each declared property's type, then its length in code points, then array items),
 * with generators of nearly valid bodies for it. The fuzz tests compare {@link ObjectSchema}'s first error with it.
 */
public final class SchemaFuzz {

    private SchemaFuzz() {
    }

    /** One declared property; {@code items} is the object schema of an array's items, if any. */
    public record Rule(String name, boolean required, Type type, int min, int max, boolean nullable, Type itemType,
            List<Rule> items, boolean closedItems) {

        public static Rule string(String name, boolean required, int min, int max, boolean nullable) {
            return new Rule(name, required, Type.STRING, min, max, nullable, null, null, false);
        }

        public static Rule of(String name, boolean required, Type type, boolean nullable) {
            return new Rule(name, required, type, 0, Integer.MAX_VALUE, nullable, null, null, false);
        }

        public static Rule arrayOf(String name, boolean required, Type itemType) {
            return new Rule(name, required, Type.ARRAY, 0, Integer.MAX_VALUE, false, itemType, null, false);
        }

        public static Rule arrayOfObjects(String name, boolean required, List<Rule> items) {
            return new Rule(name, required, Type.ARRAY, 0, Integer.MAX_VALUE, false, Type.OBJECT, items, true);
        }
    }

    /** The first error ajv would report for a closed (or open) object schema, or empty when the body is valid. */
    public static Optional<String> firstError(List<Rule> rules, boolean closed, JsonObject body) {
        for (Rule rule : rules) {
            if (rule.required() && !body.containsKey(rule.name())) {
                return Optional.of("must have required property '" + rule.name() + "'");
            }
        }
        if (closed) {
            for (String key : body.keySet()) {
                if (rules.stream().noneMatch(rule -> rule.name().equals(key))) {
                    return Optional.of("must NOT have additional properties");
                }
            }
        }
        for (Rule rule : rules) {
            JsonValue value = body.get(rule.name());
            if (value == null || rule.nullable() && value == JsonValue.NULL) {
                continue;
            }
            if (!is(rule.type(), value)) {
                return Optional.of("must be " + wire(rule.type()));
            }
            if (rule.type() == Type.STRING) {
                String text = ((JsonString) value).getString();
                long length = text.codePoints().count();
                if (length > rule.max()) {
                    return Optional.of("must NOT have more than " + rule.max() + " characters");
                }
                if (length < rule.min()) {
                    return Optional.of("must NOT have fewer than " + rule.min() + " characters");
                }
            }
            if (rule.type() == Type.ARRAY) {
                for (JsonValue item : value.asJsonArray()) {
                    if (!is(rule.itemType(), item)) {
                        return Optional.of("must be " + wire(rule.itemType()));
                    }
                    if (rule.items() != null) {
                        Optional<String> nested = firstError(rule.items(), rule.closedItems(), item.asJsonObject());
                        if (nested.isPresent()) {
                            return nested;
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    static String wire(Type type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }

    static boolean is(Type type, JsonValue value) {
        return switch (type) {
            case STRING -> value.getValueType() == JsonValue.ValueType.STRING;
            case BOOLEAN -> value.getValueType() == JsonValue.ValueType.TRUE
                    || value.getValueType() == JsonValue.ValueType.FALSE;
            case OBJECT -> value.getValueType() == JsonValue.ValueType.OBJECT;
            case ARRAY -> value.getValueType() == JsonValue.ValueType.ARRAY;
        };
    }

    /** Validates and compares with the oracle: same first error, and never anything but an ApiError. */
    public static void assertAgrees(ObjectSchema schema, List<Rule> rules, boolean closed, JsonObject body) {
        Optional<String> expected = firstError(rules, closed, body);
        try {
            schema.validate(body);
            assertEquals(Optional.empty(), expected, () -> "accepted " + body);
        } catch (ApiError error) {
            JsonFuzz.assertSchemaError(error);
            assertEquals(expected, Optional.of(error.getMessage()), () -> "for " + body);
        } catch (Throwable other) {
            fail("validate threw " + other + " for " + body, other);
        }
    }

    /** Strings around the length bounds, counted in code points (an emoji is one, as ajv counts). */
    static Arbitrary<String> stringsNear(int min, int max) {
        List<Integer> lengths = new ArrayList<>(List.of(0, 1, 2, min, min + 1, Math.max(0, min - 1)));
        if (max < 100_000) {
            lengths.addAll(List.of(max, max + 1, Math.max(0, max - 1)));
        }
        Arbitrary<String> unit = Arbitraries.of("a", "\ud83d\ude00", "é", "\u2028", "\ud800", " ", "@");
        Arbitrary<String> sized = Combinators.combine(Arbitraries.of(lengths), unit, Arbitraries.of("x", "\ud83d\ude00"))
                .as((length, first, rest) -> length == 0 ? "" : first + rest.repeat(length - 1));
        return Arbitraries.frequencyOf(Tuple.of(3, sized), Tuple.of(1, JsonFuzz.unicodeStrings(8)));
    }

    /** A value that fits the rule, or is near its bounds. */
    static Arbitrary<Node> valueFor(Rule rule) {
        Arbitrary<Node> fitting = switch (rule.type()) {
            case STRING -> stringsNear(rule.min(), rule.max()).map(Str::new);
            case BOOLEAN -> Arbitraries.of(true, false).map(Bool::new);
            case OBJECT -> JsonFuzz.objects(JsonFuzz.keys("a", "b"), JsonFuzz.scalars(JsonFuzz.unicodeStrings(4)), 3)
                    .map(o -> (Node) o);
            case ARRAY -> (rule.items() != null
                    ? bodies(rule.items(), rule.closedItems()).map(o -> (Node) o)
                    : valueFor(new Rule("item", true, rule.itemType(), 0, Integer.MAX_VALUE, false, null, null, false)))
                    .list().ofMaxSize(3).map(Arr::new);
        };
        Arbitrary<Node> anything = JsonFuzz.values(JsonFuzz.keys("_id", "roles"), JsonFuzz.unicodeStrings(6), 2);
        return Arbitraries.frequencyOf(Tuple.of(8, fitting), Tuple.of(1, Arbitraries.just(new Null())),
                Tuple.of(2, anything));
    }

    /** Nearly valid bodies: each declared property present or not, sometimes an unknown key or a repeated one. */
    public static Arbitrary<Obj> bodies(List<Rule> rules, boolean closed) {
        List<Arbitrary<List<Map.Entry<String, Node>>>> parts = new ArrayList<>();
        for (Rule rule : rules) {
            Arbitrary<List<Map.Entry<String, Node>>> present = valueFor(rule).map(v -> List.of(Map.entry(rule.name(), v)));
            parts.add(Arbitraries.frequencyOf(Tuple.of(rule.required() ? 12 : 3, present),
                    Tuple.of(1, Arbitraries.just(List.of()))));
        }
        Arbitrary<List<Map.Entry<String, Node>>> extra = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(List.of())),
                Tuple.of(1, Combinators.combine(JsonFuzz.keys("extra", "userid", "UserId", "__proto__", ""),
                        JsonFuzz.scalars(JsonFuzz.unicodeStrings(4))).as((k, v) -> List.of(Map.entry(k, v)))));
        parts.add(extra);
        return Combinators.combine(Combinators.combine(parts).as(lists -> lists), Arbitraries.longs())
                .as((lists, order) -> {
                    List<Map.Entry<String, Node>> members = new ArrayList<>();
                    lists.forEach(members::addAll);
                    java.util.Collections.shuffle(members, new java.util.Random(order));
                    return new Obj(members);
                });
    }
}
