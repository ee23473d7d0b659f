package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.control.ObjectSchema.Type;

class ObjectSchemaTest {

    static final ObjectSchema SCHEMA = ObjectSchema.object()
            .string("userId", true, 1, 10)
            .string("secret", true, 1, 10)
            .optional("flag", Type.BOOLEAN)
            .arrayOf("roles", false, Type.STRING)
            .noAdditionalProperties();

    static String problem(String json) {
        JsonObject body = Json.createReader(new StringReader(json)).readObject();
        return assertThrows(ApiError.class, () -> SCHEMA.validate(body)).body().getString("error");
    }

    @Test
    void requiredComesFirstInDeclarationOrder() {
        assertEquals("must have required property 'userId'", problem("{\"extra\":1}"));
        assertEquals("must have required property 'secret'", problem("{\"userId\":1}"));
    }

    @Test
    void additionalPropertiesBeforeTypes() {
        assertEquals("must NOT have additional properties", problem("{\"userId\":1,\"secret\":\"s\",\"x\":0}"));
    }

    @Test
    void typesThenLengths() {
        assertEquals("must be string", problem("{\"userId\":1,\"secret\":\"s\"}"));
        assertEquals("must be string", problem("{\"userId\":null,\"secret\":\"s\"}"));
        assertEquals("must NOT have fewer than 1 characters", problem("{\"userId\":\"\",\"secret\":\"s\"}"));
        assertEquals("must NOT have more than 10 characters", problem("{\"userId\":\"12345678901\",\"secret\":\"s\"}"));
        assertEquals("must be boolean", problem("{\"userId\":\"u\",\"secret\":\"s\",\"flag\":\"yes\"}"));
        assertEquals("must be array", problem("{\"userId\":\"u\",\"secret\":\"s\",\"roles\":\"admin\"}"));
        assertEquals("must be string", problem("{\"userId\":\"u\",\"secret\":\"s\",\"roles\":[1]}"));
    }

    @Test
    void validBodyPasses() {
        JsonObject body = Json.createReader(new StringReader("{\"userId\":\"u\",\"secret\":\"s\",\"roles\":[\"a\"]}"))
                .readObject();
        assertDoesNotThrow(() -> SCHEMA.validate(body));
    }
}
