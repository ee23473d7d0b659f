package org.tokenmint.users.entity;

import java.util.List;
import java.util.Optional;

/**
 * What users.create asks for, already past the schema. {@code roles} empty means the default {@code ["user"]};
 * {@code requirePasswordChange} empty means the client did not say.
 */
public record NewUser(String username, String name, String email, String password, boolean active,
        Optional<List<String>> roles, boolean verified, Optional<Boolean> requirePasswordChange,
        boolean setRandomPassword) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", email=" + email + ", roles=" + roles + "]";
    }
}
