package org.tokenmint.platform.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body as a JSON object, or fails with a 4xx invalid-params envelope: wrong content type (415),
 * oversized (413), not UTF-8, malformed, not an object, or holding a NUL character (which PostgreSQL cannot
 * store). An empty body is an empty object, as in Rocket.Chat. Requests reach it through
 * {@code platform.boundary.JsonBodyReader}, the JAX-RS reader of every {@code JsonObject} parameter.
 */
public final class JsonBody {

    /** Larger bodies are refused; no route of the contract needs more. */
    public static final int MAX_BYTES = 64 * 1024;

    private JsonBody() {
    }

    public static JsonObject read(String contentType, InputStream in) {
        byte[] bytes = readBounded(in);
        if (isBlank(bytes)) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!isJson(contentType)) {
            throw ApiError.invalidParams(415, "Content-Type must be application/json");
        }
        return parse(bytes);
    }

    /** A string field, absent or {@code null} meaning not given; any other JSON type is invalid. */
    public static String optionalString(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiError.invalidParams("must be string");
        }
        return ((JsonString) value).getString();
    }

    static JsonObject parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.invalidParams("The request body must be UTF-8");
        }
        JsonValue value;
        boolean trailing;
        try (JsonParser parser = Jsons.parser(new StringReader(text))) {
            parser.next();
            value = parser.getValue();
            trailing = parser.hasNext();
        } catch (RuntimeException | StackOverflowError e) {
            throw malformed();
        }
        if (trailing) {
            throw malformed();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ApiError.invalidParams("must be object");
        }
        if (containsNul(value) || text.indexOf('\0') >= 0 || escapesNul(text)) {
            throw ApiError.invalidParams("must NOT contain NUL characters");
        }
        return value.asJsonObject();
    }

    private static ApiError malformed() {
        return ApiError.invalidParams("The request body must be valid JSON");
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static byte[] readBounded(InputStream in) {
        if (in == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    throw ApiError.invalidParams(413, "The request body must NOT be larger than " + MAX_BYTES + " bytes");
                }
            }
        } catch (IOException e) {
            throw ApiError.invalidParams("The request body could not be read");
        }
        return out.toByteArray();
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether valid JSON text writes a NUL anywhere, also in a value that a later repeated key replaced (the parsed
     * object keeps the last one only): an unescaped backslash followed by {@code u0000}. In valid JSON a backslash
     * occurs only in strings, so every escape starts at a backslash not itself escaped.
     */
    private static boolean escapesNul(String text) {
        for (int i = text.indexOf('\\'); i >= 0 && i + 1 < text.length(); i = text.indexOf('\\', i)) {
            if (text.startsWith("u0000", i + 1)) {
                return true;
            }
            i += 2;
        }
        return false;
    }

    private static boolean containsNul(JsonValue value) {
        switch (value.getValueType()) {
            case STRING:
                return ((JsonString) value).getString().indexOf('\0') >= 0;
            case ARRAY:
                for (JsonValue item : (JsonArray) value) {
                    if (containsNul(item)) {
                        return true;
                    }
                }
                return false;
            case OBJECT:
                for (Map.Entry<String, JsonValue> entry : ((JsonObject) value).entrySet()) {
                    if (entry.getKey().indexOf('\0') >= 0 || containsNul(entry.getValue())) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }
}
