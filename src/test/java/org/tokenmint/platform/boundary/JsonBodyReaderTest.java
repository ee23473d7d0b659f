package org.tokenmint.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.control.ApiError;

/** The reader decides on the Content-Type header as sent, not on the media type the runtime matched it under. */
class JsonBodyReaderTest {

    static final JsonBodyReader READER = new JsonBodyReader();

    static JsonObject read(String contentType, String body) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (contentType != null) {
            headers.putSingle("Content-Type", contentType);
        }
        return READER.readFrom(JsonObject.class, JsonObject.class, new Annotation[0], MediaType.WILDCARD_TYPE,
                headers, body == null ? null : new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsJsonObjectParametersOnly() {
        for (MediaType type : new MediaType[] {MediaType.APPLICATION_JSON_TYPE, MediaType.WILDCARD_TYPE,
            MediaType.TEXT_PLAIN_TYPE, MediaType.APPLICATION_OCTET_STREAM_TYPE}) {
            assertTrue(READER.isReadable(JsonObject.class, JsonObject.class, new Annotation[0], type),
                    type.getType() + "/" + type.getSubtype());
        }
        assertFalse(READER.isReadable(JsonStructure.class, JsonStructure.class, new Annotation[0], null));
        assertFalse(READER.isReadable(Map.class, Map.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
        assertFalse(READER.isReadable(String.class, String.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
    }

    @Test
    void anEmptyBodyIsAnEmptyObjectWithOrWithoutContentType() {
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, read(null, null));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, read(null, ""));
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, read("text/plain", " \r\n"));
    }

    @Test
    void theHeaderDecidesWhetherABodyIsJson() {
        assertEquals("x", read("application/json; charset=UTF-8", "{\"userId\":\"x\"}").getString("userId"));
        ApiError noType = assertThrows(ApiError.class, () -> read(null, "{}"));
        assertEquals(415, noType.status());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"Content-Type must be "
                + "application/json\"}", noType.body().toString());
        assertEquals(415, assertThrows(ApiError.class, () -> read("text/json", "{}")).status());
    }
}
