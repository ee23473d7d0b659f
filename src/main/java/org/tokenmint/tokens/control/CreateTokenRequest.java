package org.tokenmint.tokens.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.tokens.entity.Contract;

/**
 * A users.createToken body, read under the contract in force. Documented: {@code userId}, {@code username} or
 * {@code user}, extra fields ignored. Secret: exactly {@code {userId, secret}}, both non-empty strings.
 */
public record CreateTokenRequest(Contract contract, String userId, String username, String user, String secret) {

    static final ObjectSchema SECRET_BODY = ObjectSchema.object()
            .string("userId", true, 1, Integer.MAX_VALUE)
            .string("secret", true, 1, Integer.MAX_VALUE)
            .noAdditionalProperties();

    public static CreateTokenRequest parse(JsonObject body, boolean secretContract) {
        if (secretContract) {
            SECRET_BODY.validate(body);
            return new CreateTokenRequest(Contract.SECRET, body.getString("userId"), null, null,
                    body.getString("secret"));
        }
        return new CreateTokenRequest(Contract.DOCUMENTED, optionalString(body, "userId"),
                optionalString(body, "username"), optionalString(body, "user"), null);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "CreateTokenRequest[" + contract + ", userId=" + userId + ", username=" + username + ", user=" + user
                + "]";
    }

    /** A string field, absent or {@code null} meaning not given; any other JSON type is invalid. */
    static String optionalString(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ApiError.invalidParams("must be string");
        }
        return ((JsonString) value).getString();
    }

    static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
