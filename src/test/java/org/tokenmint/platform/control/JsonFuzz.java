package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Generators of structured JSON for the fuzz tests (*FuzzTest), drawn from the fuzzer's bytes through a
 * {@link FuzzedDataProvider}: a small JSON tree that can hold what a JSON-P builder cannot (duplicate keys, numbers
 * as written), written out with fuzzer-chosen escaping, byte-level mutations of such text, and the checks every
 * refusal must pass (a 4xx invalid-params envelope, keys in the wire order).
 *
 * <p>Kept inputs ({@code src/test/resources/.../<Test>Inputs/<method>/}) stay readable: an input whose last byte is a
 * newline is taken <em>as written</em> (the bytes before it; see {@link #asWritten}), anything else is decoded as
 * structured choices.
 */
public final class JsonFuzz {

    /** Looked up once: {@code Json.create*} asks the ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonFuzz() {
    }

    /** Draws a value from the fuzzer's bytes. */
    @FunctionalInterface
    public interface Gen<T> {
        T next(FuzzedDataProvider data);
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

    // ---------------------------------------------------------------- inputs as written

    /**
     * The input as written, when its last byte is a newline: the bytes before that newline (a kept input is then a
     * plain text file). Otherwise empty, having consumed that last byte only.
     */
    public static Optional<byte[]> asWritten(FuzzedDataProvider data) {
        if (data.remainingBytes() == 0 || data.consumeByte() != '\n') {
            return Optional.empty();
        }
        return Optional.of(data.consumeRemainingAsBytes());
    }

    /** The rest of the input as text, one trailing newline dropped (see {@link #text(byte[])}). */
    public static String remainingText(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
        return text(Arrays.copyOf(bytes, end));
    }

    /**
     * Bytes as text: UTF-8, where an encoded surrogate ({@code ED A0 80}) is that lone surrogate and any other
     * invalid byte is the Latin-1 character of the same value, so that every UTF-16 string is reachable.
     */
    public static String text(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int length = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 1;
            int cp = length == 4 ? b & 0x07 : length == 3 ? b & 0x0f : length == 2 ? b & 0x1f : b;
            boolean valid = b < 0x80 || length > 1 && i + length <= bytes.length;
            for (int k = 1; valid && k < length; k++) {
                int next = bytes[i + k] & 0xff;
                valid = (next & 0xc0) == 0x80;
                cp = cp << 6 | next & 0x3f;
            }
            valid &= length == 1 || cp >= (length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000) && cp <= 0x10ffff;
            if (valid) {
                out.appendCodePoint(cp);
                i += length;
            } else {
                out.append((char) b);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * A JSON text as a tree, duplicate keys and numbers as written; empty when it is not exactly one JSON value or
     * nests deeper than {@link #MAX_WRITTEN_DEPTH}.
     */
    public static Optional<Node> parseTree(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(bytes))) {
            if (!parser.hasNext()) {
                return Optional.empty();
            }
            Node node = node(parser, parser.next(), 0);
            return parser.hasNext() ? Optional.empty() : Optional.of(node);
        } catch (RuntimeException | StackOverflowError malformed) {
            return Optional.empty();
        }
    }

    /** Kept trees nest at most this deep, so that the recursive helpers here stay within any stack. */
    static final int MAX_WRITTEN_DEPTH = 64;

    private static Node node(JsonParser parser, JsonParser.Event event, int depth) {
        if (depth > MAX_WRITTEN_DEPTH) {
            throw new IllegalArgumentException("deeper than " + MAX_WRITTEN_DEPTH);
        }
        switch (event) {
            case VALUE_STRING:
                return new Str(parser.getString());
            case VALUE_NUMBER:
                return new Num(parser.getString());
            case VALUE_TRUE:
                return new Bool(true);
            case VALUE_FALSE:
                return new Bool(false);
            case VALUE_NULL:
                return new Null();
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
                    items.add(node(parser, e, depth + 1));
                }
                return new Arr(items);
            }
            case START_OBJECT: {
                List<Map.Entry<String, Node>> members = new ArrayList<>();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                    String key = parser.getString();
                    members.add(Map.entry(key, node(parser, parser.next(), depth + 1)));
                }
                return new Obj(members);
            }
            default:
                throw new IllegalStateException(event.toString());
        }
    }

    /** A tree as written (an input ending in a newline, if it is JSON) or drawn from the generator. */
    public static Optional<Node> tree(FuzzedDataProvider data, Gen<? extends Node> structured) {
        Optional<byte[]> written = asWritten(data);
        return written.isPresent() ? parseTree(written.get()) : Optional.of(structured.next(data));
    }

    /** An object as written or drawn; an input as written that is no JSON object is no case. */
    public static Optional<Obj> objectTree(FuzzedDataProvider data, Gen<Obj> structured) {
        return tree(data, structured).filter(Obj.class::isInstance).map(Obj.class::cast);
    }

    // ---------------------------------------------------------------- structured values

    /** Characters that have broken JSON stacks: NUL, controls, line separators, BOM, lone surrogates. */
    static final char[] AWKWARD = ("\u0000\u0001\u001f\u007f\u0080\u00ff\u2028\u2029\ufeff\ufffe\uffff\ud800\udbff"
            + "\udc00\udfff\"\\/\n\r\t\b\f@é").toCharArray();

    private static final String[] SPECIAL_STRINGS = {"", "\u0000", "a\u0000", "\ud800", "\u2028", "userId",
        "\ud83d\ude00", "\ud800\udc00", "\udbff\udfff"};

    /** Any UTF-16 text up to the given length, lone surrogates included, with the awkward characters often. */
    public static Gen<String> unicodeStrings(int maxLength) {
        return data -> {
            int kind = data.consumeInt(0, 9);
            if (kind == 9) {
                return data.pickValue(SPECIAL_STRINGS);
            }
            int length = data.consumeInt(0, maxLength);
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length && data.remainingBytes() > 0; i++) {
                int pick = data.consumeInt(0, 9);
                out.append(pick < 4 ? data.consumeChar() : pick < 7 ? data.pickValue(AWKWARD)
                        : (char) ('a' + data.consumeInt(0, 25)));
            }
            return out.toString();
        };
    }

    /** One of the given values. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(T... values) {
        return data -> data.pickValue(values);
    }

    /** One of the generators, each as often as its weight says. */
    public static <T> Gen<T> frequency(Object... weightsAndGens) {
        return data -> {
            int total = 0;
            for (int i = 0; i < weightsAndGens.length; i += 2) {
                total += (Integer) weightsAndGens[i];
            }
            int pick = data.consumeInt(0, total - 1);
            for (int i = 0; i < weightsAndGens.length; i += 2) {
                pick -= (Integer) weightsAndGens[i];
                if (pick < 0) {
                    @SuppressWarnings("unchecked")
                    Gen<T> gen = (Gen<T>) weightsAndGens[i + 1];
                    return gen.next(data);
                }
            }
            throw new IllegalStateException();
        };
    }

    /** Up to {@code max} values, fewer when the input runs out. */
    public static <T> List<T> list(FuzzedDataProvider data, Gen<? extends T> gen, int max) {
        int size = data.consumeInt(0, max);
        List<T> out = new ArrayList<>(size);
        for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
            out.add(gen.next(data));
        }
        return out;
    }

    private static final String[] NUMBERS = {"0", "-0", "1e400", "-1e400", "1E-400", "1e999999999",
        "12345678901234567890123", "0.000000000000000000001", "2147483648", "9223372036854775808", "1.5e+3"};

    /** Numbers as JSON writes them, huge and tiny ones included. */
    public static Num number(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 3)) {
            case 0 -> new Num(Long.toString(data.consumeLong()));
            case 1 -> new Num(Double.toString(data.consumeDouble()).replace("Infinity", "1e400").replace("NaN", "0"));
            case 2 -> {
                byte[] bytes = data.consumeBytes(13);
                yield new Num(bytes.length == 0 ? "0" : new java.math.BigInteger(bytes).toString());
            }
            default -> new Num(data.pickValue(NUMBERS));
        };
    }

    /** Scalars: strings most often, since every field the routes read is one. */
    public static Gen<Node> scalars(Gen<String> strings) {
        return data -> switch (data.consumeInt(0, 8)) {
            case 0, 1, 2, 3, 4 -> new Str(strings.next(data));
            case 5, 6 -> number(data);
            case 7 -> new Bool(data.consumeBoolean());
            default -> new Null();
        };
    }

    /** Any JSON value up to the given depth, keys drawn from the given generator (so that they can collide). */
    public static Gen<Node> values(Gen<String> keys, Gen<String> strings, int depth) {
        if (depth <= 0) {
            return scalars(strings);
        }
        Gen<Node> inner = values(keys, strings, depth - 1);
        Gen<Node> scalars = scalars(strings);
        Gen<Obj> objects = objects(keys, inner, 4);
        return data -> switch (data.consumeInt(0, 6)) {
            case 0, 1, 2, 3 -> scalars.next(data);
            case 4 -> new Arr(list(data, inner, 4));
            default -> objects.next(data);
        };
    }

    public static Gen<Obj> objects(Gen<String> keys, Gen<? extends Node> values, int maxMembers) {
        return data -> {
            int size = data.consumeInt(0, maxMembers);
            List<Map.Entry<String, Node>> members = new ArrayList<>(size);
            for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
                members.add(Map.entry(keys.next(data), values.next(data)));
            }
            return new Obj(members);
        };
    }

    /** Keys: mostly the ones the routes read, so that random bodies reach the deep paths. */
    public static Gen<String> keys(String... known) {
        Gen<String> other = unicodeStrings(6);
        return data -> data.consumeInt(0, 6) < 6 ? data.pickValue(known) : other.next(data);
    }

    // ---------------------------------------------------------------- writing

    /** Writes the tree as JSON text; {@code escapeSeed} picks which characters are written as {@code \\u} escapes. */
    public static String write(Node node, long escapeSeed) {
        StringBuilder out = new StringBuilder();
        write(node, out, new Random(escapeSeed));
        return out.toString();
    }

    private static void write(Node node, StringBuilder out, Random random) {
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

    private static void whitespace(StringBuilder out, Random random) {
        if (random.nextInt(4) == 0) {
            out.append(" \t\r\n".charAt(random.nextInt(4)));
        }
    }

    /** Writes a string; a surrogate pair is escaped whole or not at all, a lone surrogate always (UTF-8 has none). */
    private static void string(String value, StringBuilder out, Random random) {
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

    /** Whether any key or string anywhere in the tree holds a NUL, also one that a later repeated key hides. */
    public static boolean containsNul(Node node) {
        if (node instanceof Str s) {
            return s.value().indexOf('\0') >= 0;
        } else if (node instanceof Arr a) {
            return a.items().stream().anyMatch(JsonFuzz::containsNul);
        } else if (node instanceof Obj o) {
            return o.members().stream().anyMatch(e -> e.getKey().indexOf('\0') >= 0 || containsNul(e.getValue()));
        }
        return false;
    }

    // ---------------------------------------------------------------- byte mutations

    /** One byte-level mutation of a JSON text, its choices drawn from the fuzzer's bytes. */
    public record Mutation(String name, java.util.function.BiFunction<byte[], FuzzedDataProvider, byte[]> apply) {

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

    private static final String[] TRAILING = {"x", "{}", " ]", "\u0000", ",", " 1", "\n\n", "//", "/* */", "\u2028"};

    private static final String[] HUGE_NUMBERS = {"1e2147483648", "1e-2147483649", "9".repeat(5000),
        "1." + "0".repeat(5000) + "1", "-" + "9".repeat(2000) + "e9999", "0." + "0".repeat(2000) + "1e-999999999"};

    public static final List<Mutation> MUTATIONS = List.of(
            new Mutation("flip", (b, d) -> {
                if (b.length > 0) {
                    b = b.clone();
                    b[d.consumeInt(0, b.length - 1)] ^= (byte) (1 << d.consumeInt(0, 7));
                }
                return b;
            }),
            new Mutation("insert byte", (b, d) -> {
                int at = d.consumeInt(0, b.length);
                return concat(Arrays.copyOf(b, at), new byte[] {d.consumeByte()}, Arrays.copyOfRange(b, at, b.length));
            }),
            new Mutation("truncate", (b, d) -> Arrays.copyOf(b, d.consumeInt(0, b.length))),
            new Mutation("delete byte", (b, d) -> {
                if (b.length == 0) {
                    return b;
                }
                int at = d.consumeInt(0, b.length - 1);
                return concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + 1, b.length));
            }),
            new Mutation("utf-8 BOM", (b, d) -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, b)),
            new Mutation("utf-16 BOM", (b, d) -> concat(new byte[] {(byte) 0xfe, (byte) 0xff}, b)),
            new Mutation("utf-16le", (b, d) -> new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE)),
            new Mutation("latin-1", (b, d) -> new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1)),
            new Mutation("cesu-8 surrogate", (b, d) -> concat(b, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})),
            new Mutation("overlong slash", (b, d) -> concat(b, new byte[] {(byte) 0xc0, (byte) 0xaf})),
            new Mutation("raw NUL", (b, d) -> {
                int at = d.consumeInt(0, b.length);
                return concat(Arrays.copyOf(b, at), new byte[] {0}, Arrays.copyOfRange(b, at, b.length));
            }),
            new Mutation("trailing", (b, d) -> concat(b, ascii(d.pickValue(TRAILING)))),
            new Mutation("deep array", (b, d) -> {
                int depth = d.consumeInt(1, 3000);
                return concat(ascii("{\"a\":" + "[".repeat(depth)), b, ascii("]".repeat(depth) + "}"));
            }),
            new Mutation("deep object", (b, d) -> {
                int depth = d.consumeInt(1, 3000);
                return concat(ascii("{\"a\":".repeat(depth)), b, ascii("}".repeat(depth)));
            }),
            new Mutation("open only", (b, d) -> ascii("[".repeat(d.consumeInt(1, 60000)))),
            new Mutation("huge number", (b, d) -> concat(ascii("{\"n\":" + d.pickValue(HUGE_NUMBERS) + ",\"b\":"), b,
                    ascii("}"))),
            new Mutation("duplicate keys", (b, d) -> concat(ascii("{\"userId\":\"a\",\"userId\":"), b,
                    ascii(",\"userId\":\"\\u0000\",\"userId\":null}"))),
            new Mutation("oversized", (b, d) -> concat(ascii("{\"pad\":\"" + "x".repeat(JsonBody.MAX_BYTES) + "\"}"), b)));

    /**
     * A body: as written (an input ending in a newline), or valid JSON drawn from the generator with one to three
     * byte-level mutations (BOMs, other encodings, CESU-8, raw NUL, truncation, trailing content, deep nesting, huge
     * numbers, repeated keys, 64 KiB overflow).
     */
    public static byte[] mutated(FuzzedDataProvider data, Gen<? extends Node> trees) {
        Optional<byte[]> written = asWritten(data);
        if (written.isPresent()) {
            return written.get();
        }
        int count = data.consumeInt(1, 3);
        long escapes = data.consumeLong();
        List<Mutation> mutations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            mutations.add(data.pickValue(MUTATIONS));
        }
        byte[] bytes = write(trees.next(data), escapes).getBytes(StandardCharsets.UTF_8);
        for (Mutation mutation : mutations) {
            bytes = mutation.apply().apply(bytes, data);
        }
        return bytes;
    }

    // ---------------------------------------------------------------- the checks

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

    /** Any 4xx invalid-params envelope (a body refusal: 400, 413 or 415). */
    public static void assertClientError(ApiError error) {
        assertTrue(error.status() >= 400 && error.status() < 500, () -> "status " + error.status());
        assertInvalidParams(error, error.status());
    }

    /** A schema refusal: 400 invalid-params with one of ajv's messages. */
    public static void assertSchemaError(ApiError error) {
        assertInvalidParams(error, 400);
        String message = error.body().getString("error");
        assertTrue(SCHEMA_ERROR.matcher(message).matches(), message);
    }
}
