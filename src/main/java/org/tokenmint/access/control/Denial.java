package org.tokenmint.access.control;

import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.ApiError;

/** How a route answers a caller that lacks its permission: each is Rocket.Chat's body for that route. */
public enum Denial {

    /** Route-level {@code permissionsRequired}: 403 error-unauthorized. */
    FORBIDDEN {
        @Override
        public ApiError error() {
            return ApiError.forbidden();
        }
    },
    /** users.createToken, documented contract: 400 error-not-authorized with {@code details.method}. */
    CREATE_TOKEN {
        @Override
        public ApiError error() {
            return ApiError.of(NOT_AUTHORIZED_CODE, NOT_AUTHORIZED_REASON,
                    Jsons.object().add("method", "createToken"));
        }
    },
    /** users.createToken, secret contract: 400 error-not-authorized, no details. */
    NOT_AUTHORIZED {
        @Override
        public ApiError error() {
            return ApiError.of(NOT_AUTHORIZED_CODE, NOT_AUTHORIZED_REASON);
        }
    },
    /** users.generatePersonalAccessToken without create-personal-access-tokens. */
    GENERATE_PERSONAL_TOKEN {
        @Override
        public ApiError error() {
            return personalTokens("personalAccessTokens:generateToken");
        }
    },
    /** users.regeneratePersonalAccessToken without create-personal-access-tokens. */
    REGENERATE_PERSONAL_TOKEN {
        @Override
        public ApiError error() {
            return personalTokens("personalAccessTokens:regenerateToken");
        }
    },
    /** users.removePersonalAccessToken without create-personal-access-tokens. */
    REMOVE_PERSONAL_TOKEN {
        @Override
        public ApiError error() {
            return personalTokens("personalAccessTokens:removeToken");
        }
    },
    /** users.create without create-user. */
    ADD_USER {
        @Override
        public ApiError error() {
            return ApiError.of("error-action-not-allowed", "Adding user is not allowed",
                    Jsons.object().add("method", "insertOrUpdateUser").add("action", "Adding_user"));
        }
    },
    /** users.create giving {@code admin} without assign-admin-role. */
    ASSIGN_ADMIN {
        @Override
        public ApiError error() {
            return ApiError.of(ACTION_NOT_ALLOWED, ASSIGNING_ADMIN,
                    Jsons.object().add("method", "insertOrUpdateUser").add("action", "Assign_admin"));
        }
    },
    /** roles.create without access-permissions. */
    ACCESS_PERMISSIONS {
        @Override
        public ApiError error() {
            return ApiError.of(ACTION_NOT_ALLOWED, ACCESSING_PERMISSIONS);
        }
    },
    /** roles.addUserToRole without access-permissions (Rocket.Chat's authorization:addUserToRole). */
    ADD_USER_TO_ROLE {
        @Override
        public ApiError error() {
            return ApiError.of(ACTION_NOT_ALLOWED, ACCESSING_PERMISSIONS, Jsons.object()
                    .add("method", "authorization:addUserToRole").add("action", "Accessing_permissions"));
        }
    },
    /** roles.addUserToRole of {@code admin} without assign-admin-role. */
    ASSIGN_ADMIN_TO_ROLE {
        @Override
        public ApiError error() {
            return ApiError.of(ACTION_NOT_ALLOWED, ASSIGNING_ADMIN, Jsons.object()
                    .add("method", "authorization:addUserToRole").add("action", "Assign_admin"));
        }
    };

    static final String ACTION_NOT_ALLOWED = "error-action-not-allowed";
    static final String ACCESSING_PERMISSIONS = "Accessing permissions is not allowed";
    static final String ASSIGNING_ADMIN = "Assigning admin is not allowed";

    static final String NOT_AUTHORIZED_CODE = "error-not-authorized";
    static final String NOT_AUTHORIZED_REASON = "Not authorized";

    /** The personal-token methods' refusal: 400 not-authorized (not error-not-authorized) with the method. */
    static ApiError personalTokens(String method) {
        return ApiError.of("not-authorized", "Not Authorized", Jsons.object().add("method", method));
    }

    public abstract ApiError error();
}
