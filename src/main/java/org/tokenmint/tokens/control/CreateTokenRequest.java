package org.tokenmint.tokens.control;

import jakarta.json.JsonObject;
import org.tokenmint.platform.control.JsonBody;
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
        return new CreateTokenRequest(Contract.DOCUMENTED, JsonBody.optionalString(body, "userId"),
                JsonBody.optionalString(body, "username"), JsonBody.optionalString(body, "user"), null);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "CreateTokenRequest[" + contract + ", userId=" + userId + ", username=" + username + ", user=" + user
                + "]";
    }
}
