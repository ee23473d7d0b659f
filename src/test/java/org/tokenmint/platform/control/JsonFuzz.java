package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of structured JSON for the fuzz tests (*FuzzTest, *PropertiesTest): a small JSON tree that can hold
 * what a JSON-P builder cannot (duplicate keys, numbers as written), written out with random but valid escaping,
 * and the checks every refusal must pass (a 4xx invalid-params envelope, keys in the wire order).
 */
public final class JsonFuzz {

    /** Looked up once: {@code Json.create*} asks the ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonFuzz() {
    }

    /** A JSON value as the client wrote it. */
    public sealed interface Node permits Str, Num, Bool, Null, Arr, Obj {
    }

    public record Str(String value) implements Node {
    }

    /** A number exactly as written in the text. */
    public record Num(String text) implements Node {
    }

    public record Bool(boolean value) implements Node {
    }

    public record Null() implements Node {
    }

    public record Arr(List<Node> items) implements Node {
    }

    /** Members in the order written; a key may repeat. */
    public record Obj(List<Map.Entry<String, Node>> members) implements Node {
    }

    /** Characters that have broken JSON stacks: NUL, controls, line separators, BOM, lone surrogates. */
    static final String AWKWARD = "\u0000\u0001\u001f\u007f\u0080\u00ff\u2028\u2029\ufeff\ufffe\uffff\ud800\udbff"
            + "\udc00\udfff\"\\/\n\r\t\b\f@é";

    /** Any UTF-16 text, lone surrogates included, with the awkward characters often. */
    public static Arbitrary<String> unicodeStrings(int maxLength) {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.chars().all()),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(toChars(AWKWARD))),
                net.jqwik.api.Tuple.of(3, Arbitraries.chars().alpha()));
        Arbitrary<String> pairs = Arbitraries.of("\ud83d\ude00", "\ud800\udc00", "\udbff\udfff");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, chars.list().ofMaxSize(maxLength).map(JsonFuzz::join)),
                net.jqwik.api.Tuple.of(1, pairs.list().ofMaxSize(3).map(list -> String.join("", list))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "\u0000", "a\u0000", "\ud800", "\u2028", "userId")));
    }

    private static Character[] toChars(String text) {
        Character[] chars = new Character[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = text.charAt(i);
        }
        return chars;
    }

    private static String join(List<Character> chars) {
        StringBuilder out = new StringBuilder(chars.size());
        chars.forEach(out::append);
        return out.toString();
    }

    /** Numbers as JSON writes them, huge and tiny ones included. */
    public static Arbitrary<Num> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(n -> new Num(Long.toString(n))),
                Arbitraries.doubles().map(d -> new Num(Double.toString(d).replace("Infinity", "1e400")
                        .replace("NaN", "0"))),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30).negate(),
                        java.math.BigInteger.TEN.pow(30)).map(n -> new Num(n.toString())),
                Arbitraries.of("0", "-0", "1e400", "-1e400", "1E-400", "1e999999999", "12345678901234567890123",
                        "0.000000000000000000001", "2147483648", "9223372036854775808", "1.5e+3").map(Num::new));
    }

    /** Scalars: strings most often, since every field the routes read is one. */
    public static Arbitrary<Node> scalars(Arbitrary<String> strings) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, strings.map(s -> (Node) new Str(s))),
                net.jqwik.api.Tuple.of(2, numbers().map(n -> (Node) n)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(b -> (Node) new Bool(b))),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((Node) new Null())));
    }

    /** Any JSON value up to the given depth, keys drawn from the given arbitrary (so that they can collide). */
    public static Arbitrary<Node> values(Arbitrary<String> keys, Arbitrary<String> strings, int depth) {
        if (depth <= 0) {
            return scalars(strings);
        }
        Arbitrary<Node> inner = Arbitraries.lazy(() -> values(keys, strings, depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalars(strings)),
                net.jqwik.api.Tuple.of(1, inner.list().ofMaxSize(4).map(items -> (Node) new Arr(items))),
                net.jqwik.api.Tuple.of(2, objects(keys, inner, 4).map(o -> (Node) o)));
    }

    public static Arbitrary<Obj> objects(Arbitrary<String> keys, Arbitrary<Node> values, int maxMembers) {
        return Combinators.combine(keys, values).as(Map::entry).list().ofMaxSize(maxMembers)
                .map(members -> new Obj(List.copyOf(members)));
    }

    /** Keys: mostly the ones the routes read, so that random bodies reach the deep paths. */
    public static Arbitrary<String> keys(String... known) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(known)),
                net.jqwik.api.Tuple.of(1, unicodeStrings(6)));
    }

    /** Writes the tree as JSON text; {@code escapeSeed} picks which characters are written as {@code \\u} escapes. */
    public static String write(Node node, long escapeSeed) {
        StringBuilder out = new StringBuilder();
        write(node, out, new java.util.Random(escapeSeed));
        return out.toString();
    }

    private static void write(Node node, StringBuilder out, java.util.Random random) {
        if (node instanceof Str s) {
            string(s.value(), out, random);
        } else if (node instanceof Num n) {
            out.append(n.text());
        } else if (node instanceof Bool b) {
            out.append(b.value());
        } else if (node instanceof Null) {
            out.append("null");
        } else if (node instanceof Arr a) {
            out.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                whitespace(out, random);
                write(a.items().get(i), out, random);
            }
            out.append(']');
        } else {
            Obj o = (Obj) node;
            out.append('{');
            for (int i = 0; i < o.members().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                whitespace(out, random);
                string(o.members().get(i).getKey(), out, random);
                out.append(':');
                whitespace(out, random);
                write(o.members().get(i).getValue(), out, random);
            }
            out.append('}');
        }
    }

    private static void whitespace(StringBuilder out, java.util.Random random) {
        if (random.nextInt(4) == 0) {
            out.append(" \t\r\n".charAt(random.nextInt(4)));
        }
    }

    /** Writes a string; a surrogate pair is escaped whole or not at all, a lone surrogate always (UTF-8 has none). */
    private static void string(String value, StringBuilder out, java.util.Random random) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            boolean escape = random.nextInt(8) == 0;
            if (pair) {
                char low = value.charAt(++i);
                out.append(escape ? String.format("\\u%04x\\u%04x", (int) c, (int) low) : "" + c + low);
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || escape) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** The JSON-P value the tree stands for, duplicate keys resolved as JSON.parse does (the last one wins). */
    public static JsonValue toJsonValue(Node node) {
        if (node instanceof Str s) {
            return JSON.createValue(s.value());
        } else if (node instanceof Num n) {
            return JSON.createValue(new BigDecimal(n.text()));
        } else if (node instanceof Bool b) {
            return b.value() ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (node instanceof Null) {
            return JsonValue.NULL;
        } else if (node instanceof Arr a) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            a.items().forEach(item -> array.add(toJsonValue(item)));
            return array.build();
        }
        Map<String, JsonValue> members = new LinkedHashMap<>();
        ((Obj) node).members().forEach(e -> members.put(e.getKey(), toJsonValue(e.getValue())));
        JsonObjectBuilder object = JSON.createObjectBuilder();
        members.forEach(object::add);
        return object.build();
    }

    public static JsonObject object(Obj node) {
        return toJsonValue(node).asJsonObject();
    }

    /** One byte-level mutation of a JSON text. */
    public record Mutation(String name, java.util.function.BiFunction<byte[], java.util.Random, byte[]> apply) {

        @Override
        public String toString() {
            return name;
        }
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static final List<Mutation> MUTATIONS = List.of(
            new Mutation("flip", (b, r) -> {
                if (b.length > 0) {
                    b = b.clone();
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            }),
            new Mutation("insert byte", (b, r) -> {
                int at = r.nextInt(b.length + 1);
                return concat(java.util.Arrays.copyOf(b, at), new byte[] {(byte) r.nextInt(256)},
                        java.util.Arrays.copyOfRange(b, at, b.length));
            }),
            new Mutation("truncate", (b, r) -> java.util.Arrays.copyOf(b, r.nextInt(b.length + 1))),
            new Mutation("delete byte", (b, r) -> {
                if (b.length == 0) {
                    return b;
                }
                int at = r.nextInt(b.length);
                return concat(java.util.Arrays.copyOf(b, at), java.util.Arrays.copyOfRange(b, at + 1, b.length));
            }),
            new Mutation("utf-8 BOM", (b, r) -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, b)),
            new Mutation("utf-16 BOM", (b, r) -> concat(new byte[] {(byte) 0xfe, (byte) 0xff}, b)),
            new Mutation("utf-16le", (b, r) -> new String(b, StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_16LE)),
            new Mutation("latin-1", (b, r) -> new String(b, StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.ISO_8859_1)),
            new Mutation("cesu-8 surrogate", (b, r) -> concat(b, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})),
            new Mutation("overlong slash", (b, r) -> concat(b, new byte[] {(byte) 0xc0, (byte) 0xaf})),
            new Mutation("raw NUL", (b, r) -> {
                int at = r.nextInt(b.length + 1);
                return concat(java.util.Arrays.copyOf(b, at), new byte[] {0}, java.util.Arrays.copyOfRange(b, at, b.length));
            }),
            new Mutation("trailing", (b, r) -> concat(b, ascii(List.of("x", "{}", " ]", "\u0000", ",", " 1", "\n\n",
                    "//", "/* */", "\u2028").get(r.nextInt(10))))),
            new Mutation("deep array", (b, r) -> {
                int depth = 1 + r.nextInt(3000);
                return concat(ascii("{\"a\":" + "[".repeat(depth)), b, ascii("]".repeat(depth) + "}"));
            }),
            new Mutation("deep object", (b, r) -> {
                int depth = 1 + r.nextInt(3000);
                return concat(ascii("{\"a\":".repeat(depth)), b, ascii("}".repeat(depth)));
            }),
            new Mutation("open only", (b, r) -> ascii("[".repeat(1 + r.nextInt(60000)))),
            new Mutation("huge number", (b, r) -> concat(ascii("{\"n\":" + List.of("1e2147483648", "1e-2147483649",
                    "9".repeat(5000), "1." + "0".repeat(5000) + "1", "-" + "9".repeat(2000) + "e9999",
                    "0." + "0".repeat(2000) + "1e-999999999").get(r.nextInt(6)) + ",\"b\":"), b, ascii("}"))),
            new Mutation("duplicate keys", (b, r) -> concat(ascii("{\"userId\":\"a\",\"userId\":"), b,
                    ascii(",\"userId\":\"\\u0000\",\"userId\":null}"))),
            new Mutation("oversized", (b, r) -> concat(ascii("{\"pad\":\"" + "x".repeat(JsonBody.MAX_BYTES) + "\"}"), b)));

    /**
     * Bodies made from valid JSON by one to three byte-level mutations (BOMs, other encodings, CESU-8, raw NUL,
     * truncation, trailing content, deep nesting, huge numbers, repeated keys, 64 KiB overflow).
     */
    public static Arbitrary<byte[]> mutated(Arbitrary<Node> trees) {
        return Combinators.combine(trees, Arbitraries.of(MUTATIONS).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.longs()).as((tree, mutations, seed) -> {
                    java.util.Random random = new java.util.Random(seed);
                    byte[] bytes = write(tree, seed).getBytes(StandardCharsets.UTF_8);
                    for (Mutation mutation : mutations) {
                        bytes = mutation.apply().apply(bytes, random);
                    }
                    return bytes;
                });
    }

    /** Every error text a body refusal may carry (README, "Behaviour where the spec leaves a choice"). */
    public static final Set<String> BODY_ERRORS = Set.of(
            "The request body must be UTF-8",
            "The request body must be valid JSON",
            "must be object",
            "must NOT contain NUL characters");

    private static final Pattern SCHEMA_ERROR = Pattern.compile("must have required property '[A-Za-z_]+'"
            + "|must NOT have additional properties|must be (string|boolean|object|array)"
            + "|must NOT have (fewer|more) than [0-9]+ characters");

    /** The invalid-params envelope, exactly: {@code {"success":false,"errorType":"invalid-params","error":...}}. */
    public static void assertInvalidParams(ApiError error, int status) {
        assertEquals(status, error.status());
        JsonObject body = error.body();
        assertEquals(List.of("success", "errorType", "error"), new ArrayList<>(body.keySet()));
        assertEquals(JsonValue.FALSE, body.get("success"));
        assertEquals("invalid-params", body.getString("errorType"));
        assertEquals(body.getString("error"), error.getMessage());
        assertFalse(body.getString("error").isEmpty());
    }

    /** A schema refusal: 400 invalid-params with one of ajv's messages. */
    public static void assertSchemaError(ApiError error) {
        assertInvalidParams(error, 400);
        String message = error.body().getString("error");
        assertTrue(SCHEMA_ERROR.matcher(message).matches(), message);
    }
}
