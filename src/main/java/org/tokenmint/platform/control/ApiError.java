package org.tokenmint.platform.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * A failure with its Rocket.Chat answer: HTTP status and JSON body. Unchecked, so a transaction that it leaves
 * rolls back. The factories are the envelopes of the wire contract; nothing else builds error bodies.
 */
public class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String LOGGED_OUT = "You must be logged in to do this.";

    private final int status;
    private final transient JsonObject body;

    ApiError(int status, JsonObject body) {
        super(body.getString("error", "error"), null, false, false);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public JsonObject body() {
        return body;
    }

    /** A thrown Meteor error: 400 {@code {"success":false,"error":"<reason> [<code>]","errorType":"<code>"}}. */
    public static ApiError of(String code, String reason) {
        return new ApiError(400, failure().add("error", reason + " [" + code + "]").add("errorType", code).build());
    }

    /** As {@link #of(String, String)}, with {@code "details"} after {@code errorType}. */
    public static ApiError of(String code, String reason, JsonObjectBuilder details) {
        return new ApiError(400, failure().add("error", reason + " [" + code + "]").add("errorType", code)
                .add("details", details).build());
    }

    /** An error whose reason carries no {@code [code]} suffix (permissions.update, for one). */
    public static ApiError plain(String code, String reason) {
        return new ApiError(400, failure().add("error", reason).add("errorType", code).build());
    }

    /** A bare 400 {@code {"success":false,"error":"<reason>"}} (users.info's "User not found."). */
    public static ApiError bare(String reason) {
        return new ApiError(400, failure().add("error", reason).build());
    }

    /** Body or query validation: 400 {@code {"success":false,"errorType":"invalid-params","error":"<message>"}}. */
    /** Rocket.Chat's {@code getUserFromParams}: no user named at all. */
    public static ApiError userParamNotProvided() {
        return of("error-user-param-not-provided", "The required \"userId\" or \"username\" param was not provided");
    }

    /** Rocket.Chat's {@code getUserFromParams}: the user named does not exist. */
    public static ApiError invalidUser() {
        return of("error-invalid-user", "The required \"userId\" or \"username\" param provided does not match any users");
    }

    public static ApiError invalidParams(String message) {
        return invalidParams(400, message);
    }

    /** The invalid-params envelope with another 4xx status (415 wrong content type, 413 oversized body). */
    public static ApiError invalidParams(int status, String message) {
        return new ApiError(status, failure().add("errorType", "invalid-params").add("error", message).build());
    }

    /** Authentication failure, the same body whatever went wrong. */
    public static ApiError unauthorized() {
        return new ApiError(401, failure().add("error", LOGGED_OUT).add("status", "error")
                .add("message", LOGGED_OUT).build());
    }

    /** A route-level permission failure. */
    public static ApiError forbidden() {
        return new ApiError(403, failure()
                .add("error", "User does not have the permissions required for this action [error-unauthorized]")
                .build());
    }

    /** Any other status with the plain envelope (unknown route, method not allowed). */
    public static ApiError status(int status, String reason) {
        return new ApiError(status, failure().add("error", reason).build());
    }

    /** A complete body given by the caller (login's forms); {@code success:false} must already be first. */
    public static ApiError withBody(int status, JsonObject body) {
        return new ApiError(status, body);
    }

    public static JsonObjectBuilder failure() {
        return Jsons.object().add("success", false);
    }
}
