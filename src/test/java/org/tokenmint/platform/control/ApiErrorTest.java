package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void meteorErrorCarriesCodeInReasonAndErrorType() {
        ApiError error = ApiError.of("error-invalid-user", "No such user");
        assertEquals(400, error.status());
        assertEquals("{\"success\":false,\"error\":\"No such user [error-invalid-user]\",\"errorType\":\"error-invalid-user\"}",
                error.body().toString());
    }

    @Test
    void detailsFollowErrorType() {
        ApiError error = ApiError.of("error-not-authorized", "Not authorized",
                Json.createObjectBuilder().add("method", "createToken"));
        assertEquals("{\"success\":false,\"error\":\"Not authorized [error-not-authorized]\","
                + "\"errorType\":\"error-not-authorized\",\"details\":{\"method\":\"createToken\"}}", error.body().toString());
    }

    @Test
    void unauthorizedIsTheSame401BodyEveryTime() {
        ApiError error = ApiError.unauthorized();
        assertEquals(401, error.status());
        assertEquals("{\"success\":false,\"error\":\"You must be logged in to do this.\",\"status\":\"error\","
                + "\"message\":\"You must be logged in to do this.\"}", error.body().toString());
    }

    @Test
    void forbiddenIsTheRouteLevelPermissionFailure() {
        ApiError error = ApiError.forbidden();
        assertEquals(403, error.status());
        assertEquals("{\"success\":false,\"error\":\"User does not have the permissions required for this action "
                + "[error-unauthorized]\"}", error.body().toString());
    }

    @Test
    void invalidParamsPutsErrorTypeBeforeError() {
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must have required property 'userId'\"}",
                ApiError.invalidParams("must have required property 'userId'").body().toString());
    }

    @Test
    void plainErrorsHaveNoCodeSuffix() {
        assertEquals("{\"success\":false,\"error\":\"Invalid role\",\"errorType\":\"error-invalid-role\"}",
                ApiError.plain("error-invalid-role", "Invalid role").body().toString());
    }

    @Test
    void successIsAppendedLast() {
        assertEquals("{\"version\":\"1\",\"success\":true}",
                Envelope.success(Json.createObjectBuilder().add("version", "1")).toString());
    }
}
