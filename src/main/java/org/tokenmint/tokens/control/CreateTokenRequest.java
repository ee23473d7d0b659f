package org.tokenmint.tokens.control;

import jakarta.json.JsonObject;
import java.util.Locale;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.JsonBody;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.platform.entity.Profile;
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

    /**
     * The user this request names, without looking it up: a non-blank {@code userId} by id, else a non-blank
     * {@code username}, else a non-blank {@code user} by username (Rocket.Chat's {@code getUserFromParams} order);
     * none is {@code error-user-param-not-provided}.
     */
    public Target target() {
        if (given(userId)) {
            return new Target(userId, true);
        }
        String name = given(username) ? username : given(user) ? user : null;
        if (name == null) {
            throw ApiError.userParamNotProvided();
        }
        return new Target(name, false);
    }

    public static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    /** A user named by id or by username, as given. */
    public record Target(String value, boolean byId) {

        /**
         * Whether this names the caller, decided without a query: the caller's own id, or its username compared
         * case-insensitively (as the lookup by username compares).
         */
        public boolean names(Profile caller) {
            if (caller == null) {
                return false;
            }
            return byId ? value.equals(caller.id())
                    : caller.username() != null && value.toLowerCase(Locale.ROOT)
                            .equals(caller.username().toLowerCase(Locale.ROOT));
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "CreateTokenRequest[" + contract + ", userId=" + userId + ", username=" + username + ", user=" + user
                + "]";
    }
}
