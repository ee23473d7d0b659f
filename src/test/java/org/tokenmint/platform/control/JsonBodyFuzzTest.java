package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tokenmint.platform.control.JsonFuzz.ascii;
import static org.tokenmint.platform.control.JsonFuzz.concat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.control.JsonFuzz.Gen;
import org.tokenmint.platform.control.JsonFuzz.Node;
import org.tokenmint.platform.control.JsonFuzz.Obj;

/**
 * JsonBody under any content type and bytes: a body is either read as a JSON object without NUL, or refused with
 * one of the README's invalid-params envelopes (415, 413, 400), never with another exception.
 */
class JsonBodyFuzzTest {

    /** Reads the body; any outcome but an object or an ApiError fails. */
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

    /** Iterative: a body may nest as deep as the parser allows, deeper than an instrumented stack recurses. */
    static boolean containsNul(JsonValue root) {
        java.util.Deque<JsonValue> pending = new java.util.ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            JsonValue value = pending.pop();
            switch (value.getValueType()) {
                case STRING -> {
                    if (((JsonString) value).getString().indexOf('\0') >= 0) {
                        return true;
                    }
                }
                case ARRAY -> value.asJsonArray().forEach(pending::push);
                case OBJECT -> {
                    for (Map.Entry<String, JsonValue> member : value.asJsonObject().entrySet()) {
                        if (member.getKey().indexOf('\0') >= 0) {
                            return true;
                        }
                        pending.push(member.getValue());
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    static final String[] JSON_TYPES = {"application/json", "application/json; charset=utf-8",
        "Application/JSON;charset=UTF-8", " application/json ; x=y", "application/json;"};

    static final String[] OTHER_TYPES = {null, "", "text/plain", "application/jsonx", "application/x-www-form-urlencoded",
        ";application/json", "application/json\u0000", "application/*", "*/*", "application/x-unparsable-content-type"};

    /** Mostly JSON, sometimes another or no type, sometimes any text. */
    static final Gen<String> CONTENT_TYPES = JsonFuzz.frequency(6, JsonFuzz.oneOf(JSON_TYPES), 2,
            JsonFuzz.oneOf(OTHER_TYPES), 1, JsonFuzz.unicodeStrings(20));

    static final Gen<Node> TREES = JsonFuzz.values(
            JsonFuzz.keys("userId", "username", "user", "password", "resume", "email", "secret"),
            JsonFuzz.unicodeStrings(12), 4);

    /** Any bytes under any content type; a kept input ending in a newline is the body before it, as JSON. */
    @FuzzTest(maxDuration = "2m")
    void randomBytes(FuzzedDataProvider data) {
        Optional<byte[]> written = JsonFuzz.asWritten(data);
        if (written.isPresent()) {
            read("application/json", written.get()).checked();
        } else {
            String contentType = CONTENT_TYPES.next(data);
            read(contentType, data.consumeRemainingAsBytes()).checked();
        }
    }

    /**
     * Well-formed JSON as written: an object without NUL reads back as the same value (a repeated key keeps its
     * last value, as JSON.parse does); other values get their text; a NUL anywhere, also under a key that repeats,
     * is refused.
     */
    @FuzzTest(maxDuration = "2m")
    void wellFormedJsonReadsBack(FuzzedDataProvider data) {
        Optional<Node> parsed = JsonFuzz.tree(data, TREES);
        if (parsed.isEmpty()) {
            return;
        }
        Node tree = parsed.get();
        byte[] bytes = JsonFuzz.write(tree, data.consumeLong()).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > JsonBody.MAX_BYTES) {
            return;
        }
        Outcome outcome = read("application/json", bytes).checked();
        if (!(tree instanceof Obj object)) {
            assertEquals("must be object", outcome.message());
        } else if (JsonFuzz.containsNul(tree)) {
            assertEquals("must NOT contain NUL characters", outcome.message());
        } else {
            assertEquals(null, outcome.message());
            assertEquals(JsonFuzz.object(object), outcome.body());
        }
    }

    /** Valid JSON with one to three byte mutations: still either an object without NUL or a README refusal. */
    @FuzzTest(maxDuration = "2m")
    void mutatedJson(FuzzedDataProvider data) {
        String contentType = CONTENT_TYPES.next(data);
        read(contentType, JsonFuzz.mutated(data, TREES)).checked();
    }

    /** Nesting: accepted as long as the parser allows the depth, refused as malformed JSON beyond. */
    @FuzzTest(maxDuration = "1m")
    void nesting(FuzzedDataProvider data) {
        int depth = data.consumeInt(1, 20000);
        boolean objects = data.consumeBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        String text = "{\"x\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
        Outcome outcome = read("application/json", ascii(text)).checked();
        if (outcome.error() != null) {
            assertEquals(text.length() > JsonBody.MAX_BYTES ? 413 : 400, outcome.error().status());
        }
    }

    @Test
    void sixtyFourKibibytesAreReadOneByteMoreIs413() {
        String pad = "x".repeat(JsonBody.MAX_BYTES - "{\"p\":\"\"}".length());
        assertEquals(pad, read("application/json", ascii("{\"p\":\"" + pad + "\"}")).checked().body().getString("p"));
        assertEquals(413, read("application/json", ascii("{\"p\":\"" + pad + "x\"}")).checked().error().status());
    }

    @Test
    void emptyAndBlankBodiesAreEmptyObjects() {
        for (String body : List.of("", " ", "\r\n\t ")) {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, read("text/html", ascii(body)).checked().body());
        }
    }

    /** As today: a UTF-8 byte order mark is not JSON (JSON.parse refuses it too), a UTF-16 one is not UTF-8. */
    @Test
    void byteOrderMarksAreRefused() {
        assertEquals("The request body must be valid JSON",
                read("application/json", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, ascii("{}")))
                        .checked().message());
        assertEquals("The request body must be UTF-8",
                read("application/json", concat(new byte[] {(byte) 0xfe, (byte) 0xff}, ascii("{}"))).checked()
                        .message());
    }

    @Test
    void escapedLoneSurrogatesAndLineSeparatorsAreStrings() {
        JsonObject body = read("application/json", ascii("{\"a\":\"\\ud800\",\"b\":\"\u2028\\u2029\"}")).checked()
                .body();
        assertEquals(Map.of("a", "\ud800", "b", "\u2028\u2029"), Map.of("a", body.getString("a"), "b",
                body.getString("b")));
    }

    @Test
    void duplicateKeysKeepTheLastValueAsJsonParseDoes() {
        assertEquals("b", read("application/json", ascii("{\"userId\":\"a\",\"userId\":\"b\"}")).checked().body()
                .getString("userId"));
    }
}
