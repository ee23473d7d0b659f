package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.tokens.entity.Contract;

class CreateTokenRequestTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static String refusal(String body, boolean secret) {
        return assertThrows(ApiError.class, () -> CreateTokenRequest.parse(json(body), secret)).body().toString();
    }

    @Test
    void documentedContractTakesAnyOfTheThreeFieldsAndIgnoresExtras() {
        CreateTokenRequest request = CreateTokenRequest.parse(
                json("{\"userId\":\"a\",\"username\":\"b\",\"user\":\"c\",\"extra\":[1]}"), false);
        assertEquals(Contract.DOCUMENTED, request.contract());
        assertEquals("a", request.userId());
        assertEquals("b", request.username());
        assertEquals("c", request.user());
        assertNull(CreateTokenRequest.parse(json("{\"userId\":null}"), false).userId());
    }

    @Test
    void documentedContractRefusesNonStrings() {
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must be string\"}",
                refusal("{\"userId\":7}", false));
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must be string\"}",
                refusal("{\"username\":{\"a\":1}}", false));
    }

    @Test
    void secretContractIsExactlyUserIdAndSecret() {
        CreateTokenRequest request = CreateTokenRequest.parse(json("{\"userId\":\"a\",\"secret\":\"s\"}"), true);
        assertEquals(Contract.SECRET, request.contract());
        assertEquals("s", request.secret());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must have required property 'userId'\"}",
                refusal("{\"secret\":\"s\"}", true));
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must have required property 'secret'\"}",
                refusal("{\"userId\":\"a\"}", true));
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must NOT have additional properties\"}",
                refusal("{\"userId\":\"a\",\"secret\":\"s\",\"username\":\"b\"}", true));
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must NOT have fewer than 1 characters\"}",
                refusal("{\"userId\":\"\",\"secret\":\"s\"}", true));
    }
}
