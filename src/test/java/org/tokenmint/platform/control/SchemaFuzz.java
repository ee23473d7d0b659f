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
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import org.tokenmint.platform.control.JsonFuzz.Arr;
import org.tokenmint.platform.control.JsonFuzz.Gen;
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
    static String stringNear(FuzzedDataProvider data, int min, int max) {
        if (data.consumeInt(0, 3) == 3) {
            return JsonFuzz.unicodeStrings(8).next(data);
        }
        List<Integer> lengths = new ArrayList<>(List.of(0, 1, 2, min, min + 1, Math.max(0, min - 1)));
        if (max < 100_000) {
            lengths.addAll(List.of(max, max + 1, Math.max(0, max - 1)));
        }
        int length = data.pickValue(lengths);
        String first = data.pickValue(FIRST);
        String rest = data.consumeBoolean() ? "x" : "\ud83d\ude00";
        return length == 0 ? "" : first + rest.repeat(length - 1);
    }

    private static final String[] FIRST = {"a", "\ud83d\ude00", "é", "\u2028", "\ud800", " ", "@"};

    /** A value that fits the rule, or is near its bounds. */
    static Node valueFor(FuzzedDataProvider data, Rule rule) {
        int pick = data.consumeInt(0, 10);
        if (pick == 10) {
            return new Null();
        }
        if (pick >= 8) {
            return JsonFuzz.values(JsonFuzz.keys("_id", "roles"), JsonFuzz.unicodeStrings(6), 2).next(data);
        }
        return switch (rule.type()) {
            case STRING -> new Str(stringNear(data, rule.min(), rule.max()));
            case BOOLEAN -> new Bool(data.consumeBoolean());
            case OBJECT -> JsonFuzz.objects(JsonFuzz.keys("a", "b"), JsonFuzz.scalars(JsonFuzz.unicodeStrings(4)), 3)
                    .next(data);
            case ARRAY -> new Arr(JsonFuzz.list(data, rule.items() != null
                    ? bodies(rule.items(), rule.closedItems())
                    : d -> valueFor(d, new Rule("item", true, rule.itemType(), 0, Integer.MAX_VALUE, false, null, null,
                            false)), 3));
        };
    }

    /** Nearly valid bodies: each declared property present or not, sometimes an unknown key or a repeated one. */
    public static Gen<Obj> bodies(List<Rule> rules, boolean closed) {
        Gen<String> extraKeys = JsonFuzz.keys("extra", "userid", "UserId", "__proto__", "");
        Gen<Node> extraValues = JsonFuzz.scalars(JsonFuzz.unicodeStrings(4));
        return data -> {
            List<Map.Entry<String, Node>> members = new ArrayList<>();
            for (Rule rule : rules) {
                if (data.consumeInt(0, rule.required() ? 12 : 3) > 0) {
                    members.add(Map.entry(rule.name(), valueFor(data, rule)));
                }
            }
            if (data.consumeInt(0, 6) == 6) {
                members.add(Map.entry(extraKeys.next(data), extraValues.next(data)));
            }
            if (members.size() > 1 && data.consumeBoolean()) {
                members.add(members.get(data.consumeInt(0, members.size() - 1)));
            }
            java.util.Collections.shuffle(members, new java.util.Random(data.consumeLong()));
            return new Obj(members);
        };
    }
}
