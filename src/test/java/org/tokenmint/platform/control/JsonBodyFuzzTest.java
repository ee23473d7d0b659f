package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.tokenmint.platform.control.JsonFuzz.Node;
import org.tokenmint.platform.control.JsonFuzz.Obj;

/**
 * JsonBody under random content types and bytes: a body is either read as a JSON object without NUL, or refused
 * with one of the README's invalid-params envelopes (415, 413, 400), never with another exception.
 */
class JsonBodyFuzzTest {

    static final String SEED = "20261202";

    /** Reads the body; any outcome but an object or an ApiError fails the property. */
    static Outcome read(String contentType, byte[] bytes) {
        try {
            return new Outcome(JsonBody.read(contentType, new ByteArrayInputStream(bytes)), null);
        } catch (ApiError error) {
            return new Outcome(null, error);
        } catch (Throwable other) {
            fail("JsonBody.read threw " + other, other);
            throw new AssertionError(other);
        }
    }

    record Outcome(JsonObject body, ApiError error) {

        Outcome checked() {
            if (error != null) {
                switch (error.status()) {
                    case 415 -> assertEquals("Content-Type must be application/json", error.getMessage());
                    case 413 -> assertEquals("The request body must NOT be larger than 65536 bytes", error.getMessage());
                    default -> assertTrue(JsonFuzz.BODY_ERRORS.contains(error.getMessage()), error.getMessage());
                }
                JsonFuzz.assertInvalidParams(error, error.status());
            } else {
                assertFalse(containsNul(body), "a NUL got through");
            }
            return this;
        }

        String message() {
            return error == null ? null : error.getMessage();
        }
    }

    static boolean containsNul(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString().indexOf('\0') >= 0;
            case ARRAY -> value.asJsonArray().stream().anyMatch(JsonBodyFuzzTest::containsNul);
            case OBJECT -> value.asJsonObject().entrySet().stream()
                    .anyMatch(e -> e.getKey().indexOf('\0') >= 0 || containsNul(e.getValue()));
            default -> false;
        };
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of("application/json", "application/json; charset=utf-8",
                        "Application/JSON;charset=UTF-8", " application/json ; x=y", "application/json;")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(null, "", "text/plain", "application/jsonx",
                        "application/x-www-form-urlencoded", ";application/json", "application/json\u0000",
                        "application/*", "*/*", HeaderSanityUnparsable.VALUE)),
                net.jqwik.api.Tuple.of(1, JsonFuzz.unicodeStrings(20)));
    }

    /** Random bytes, mostly short. */
    @Property(tries = 300, seed = SEED)
    void randomBytes(@ForAll("contentTypes") String contentType, @ForAll @Size(max = 64) byte[] bytes) {
        read(contentType, bytes).checked();
    }

    @Provide
    Arbitrary<Node> trees() {
        Arbitrary<String> keys = JsonFuzz.keys("userId", "username", "user", "password", "resume", "email", "secret");
        return JsonFuzz.values(keys, JsonFuzz.unicodeStrings(12), 4);
    }

    /**
     * Well-formed JSON as written: an object without NUL reads back as the same value (a repeated key keeps its
     * last value, as JSON.parse does); other values get their text.
     */
    @Property(tries = 250, seed = SEED)
    void wellFormedJsonReadsBack(@ForAll("trees") Node tree, @ForAll long escapes) {
        byte[] bytes = JsonFuzz.write(tree, escapes).getBytes(StandardCharsets.UTF_8);
        Outcome outcome = read("application/json", bytes).checked();
        if (!(tree instanceof Obj object)) {
            assertEquals("must be object", outcome.message());
        } else if (containsNul(JsonFuzz.toJsonValue(tree))) {
            assertEquals("must NOT contain NUL characters", outcome.message());
        } else {
            assertEquals(null, outcome.message());
            assertEquals(JsonFuzz.object(object), outcome.body());
        }
    }

    /** One byte-level mutation of a JSON text. */
    record Mutation(String name, java.util.function.BiFunction<byte[], java.util.Random, byte[]> apply) {

        @Override
        public String toString() {
            return name;
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static final List<Mutation> MUTATIONS = List.of(
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

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Arbitraries.of(MUTATIONS).list().ofMinSize(1).ofMaxSize(3);
    }

    /** Valid JSON with one to three mutations: still either an object without NUL or a README refusal. */
    @Property(tries = 300, seed = SEED)
    void mutatedJson(@ForAll("trees") Node tree, @ForAll("mutations") List<Mutation> mutations, @ForAll long seed,
            @ForAll("contentTypes") String contentType) {
        java.util.Random random = new java.util.Random(seed);
        byte[] bytes = JsonFuzz.write(tree, seed).getBytes(StandardCharsets.UTF_8);
        for (Mutation mutation : mutations) {
            bytes = mutation.apply().apply(bytes, random);
        }
        read(contentType, bytes).checked();
    }

    /** Nesting: accepted as long as the parser allows the depth, refused as malformed JSON beyond. */
    @Property(tries = 30, seed = SEED)
    void nesting(@ForAll @IntRange(min = 1, max = 20000) int depth, @ForAll boolean objects) {
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        String text = "{\"x\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
        Outcome outcome = read("application/json", ascii(text)).checked();
        if (outcome.error() != null) {
            assertEquals(text.length() > JsonBody.MAX_BYTES ? 413 : 400, outcome.error().status());
        }
    }

    @Example
    void emptyAndBlankBodiesAreEmptyObjects() {
        for (String body : List.of("", " ", "\r\n\t ")) {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, read("text/html", ascii(body)).checked().body());
        }
    }

    @Example
    void byteOrderMarksAreNotJson() {
        assertEquals("The request body must be valid JSON",
                read("application/json", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, ascii("{}")))
                        .checked().message());
        assertEquals("The request body must be UTF-8",
                read("application/json", concat(new byte[] {(byte) 0xfe, (byte) 0xff}, ascii("{}"))).checked()
                        .message());
    }

    @Example
    void escapedLoneSurrogatesAndLineSeparatorsAreStrings() {
        JsonObject body = read("application/json", ascii("{\"a\":\"\\ud800\",\"b\":\"\u2028\\u2029\"}")).checked()
                .body();
        assertEquals(Map.of("a", "\ud800", "b", "\u2028\u2029"), Map.of("a", body.getString("a"), "b",
                body.getString("b")));
    }

    @Example
    void duplicateKeysKeepTheLastValueAsJsonParseDoes() {
        assertEquals("b", read("application/json", ascii("{\"userId\":\"a\",\"userId\":\"b\"}")).checked().body()
                .getString("userId"));
    }

    @Example
    void aNulHiddenBehindADuplicateKeyIsStillRefusedOrDropped() {
        Outcome outcome = read("application/json", ascii("{\"a\":\"\\u0000\",\"a\":\"x\"}")).checked();
        assertTrue(outcome.error() != null || "x".equals(outcome.body().getString("a")));
    }

    /** Shared with the HeaderSanity fuzz test: the content type HeaderSanity substitutes for an unparsable one. */
    static final class HeaderSanityUnparsable {
        static final String VALUE = "application/x-unparsable-content-type";
    }
}
