package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

    static ApiError refused(String contentType, byte[] body) {
        return assertThrows(ApiError.class, () -> JsonBody.read(contentType, new ByteArrayInputStream(body)));
    }

    static ApiError refused(String body) {
        return refused("application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAnObject() {
        assertEquals("x", JsonBody.read("application/json; charset=utf-8",
                new ByteArrayInputStream("{\"userId\":\"x\"}".getBytes(StandardCharsets.UTF_8))).getString("userId"));
    }

    @Test
    void emptyBodyIsAnEmptyObject() {
        assertTrue(JsonBody.read(null, new ByteArrayInputStream(new byte[0])).isEmpty());
        assertTrue(JsonBody.read("application/json", new ByteArrayInputStream(" \n".getBytes())).isEmpty());
    }

    @Test
    void wrongContentTypeIs415() {
        ApiError error = refused("text/plain", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, error.status());
        assertEquals("invalid-params", error.body().getString("errorType"));
        assertEquals(415, refused(null, "{}".getBytes(StandardCharsets.UTF_8)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"a\":}", "nope", "{\"a\":1}}", "[1,2", "{'a':1}"})
    void malformedJsonIs400(String body) {
        ApiError error = refused(body);
        assertEquals(400, error.status());
        assertEquals("invalid-params", error.body().getString("errorType"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "1", "\"text\"", "true"})
    void anythingButAnObjectIs400(String body) {
        ApiError error = refused(body);
        assertEquals(400, error.status());
        assertEquals("must be object", error.body().getString("error"));
    }

    @Test
    void nulCharactersAreRefusedAnywhere() {
        assertEquals(400, refused("{\"userId\":\"a\\u0000b\"}").status());
        assertEquals(400, refused("{\"a\":[{\"b\":\"\\u0000\"}]}").status());
        assertEquals(400, refused("{\"\\u0000\":1}").status());
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"a\":\"" + "x".repeat(JsonBody.MAX_BYTES) + "\"}";
        assertEquals(413, refused(big).status());
    }

    @Test
    void deepNestingIsRefusedNotCrashing() {
        String deep = "[".repeat(30_000) + "]".repeat(30_000);
        assertEquals(400, refused("{\"a\":" + deep + "}").status());
    }

    @Test
    void invalidUtf8Is400() {
        assertEquals(400, refused("application/json", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'})
                .status());
    }

    /** Found by fuzzing: a NUL hid behind a repeated key, since the parsed object keeps the last value only. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"\\u0000\",\"a\":\"x\"}", "{\"a\":{\"b\":[\"\\u0000\"]},\"a\":1}",
        "{\"\\u0000\":1,\"\\u0000\":2}", "{\"o\":{\"k\":\"x\\u0000\",\"k\":\"y\"}}"})
    void aNulBehindARepeatedKeyIs400(String body) {
        ApiError error = refused(body);
        assertEquals(400, error.status());
        assertEquals("must NOT contain NUL characters", error.getMessage());
    }

    @Test
    void anEscapedBackslashBeforeU0000IsNoNul() {
        assertEquals("\\u0000", JsonBody.read("application/json", new ByteArrayInputStream(
                "{\"a\":\"\\\\u0000\",\"a\":\"\\\\u0000\"}".getBytes(StandardCharsets.UTF_8))).getString("a"));
    }
}
