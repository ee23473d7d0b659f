package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tokenmint.platform.control.JsonFuzz.ascii;
import static org.tokenmint.platform.control.JsonFuzz.concat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
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
                        "application/*", "*/*", "application/x-unparsable-content-type")),
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

    @Provide
    Arbitrary<byte[]> mutatedBodies() {
        return JsonFuzz.mutated(trees());
    }

    /** Valid JSON with one to three mutations: still either an object without NUL or a README refusal. */
    @Property(tries = 300, seed = SEED)
    void mutatedJson(@ForAll("mutatedBodies") byte[] bytes, @ForAll("contentTypes") String contentType) {
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
    void sixtyFourKibibytesAreReadOneByteMoreIs413() {
        String pad = "x".repeat(JsonBody.MAX_BYTES - "{\"p\":\"\"}".length());
        assertEquals(pad, read("application/json", ascii("{\"p\":\"" + pad + "\"}")).checked().body().getString("p"));
        assertEquals(413, read("application/json", ascii("{\"p\":\"" + pad + "x\"}")).checked().error().status());
    }

    @Example
    void emptyAndBlankBodiesAreEmptyObjects() {
        for (String body : List.of("", " ", "\r\n\t ")) {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, read("text/html", ascii(body)).checked().body());
        }
    }

    /** As today: a UTF-8 byte order mark is not JSON (JSON.parse refuses it too), a UTF-16 one is not UTF-8. */
    @Example
    void byteOrderMarksAreRefused() {
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

}
