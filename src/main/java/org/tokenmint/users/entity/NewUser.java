package org.tokenmint.users.entity;

import java.util.List;
import java.util.Optional;

/** What users.create asks for, already past the schema. {@code roles} empty means the default {@code ["user"]}. */
public record NewUser(String username, String name, String email, String password, boolean active,
        Optional<List<String>> roles, boolean verified, boolean requirePasswordChange, boolean setRandomPassword) {
}
