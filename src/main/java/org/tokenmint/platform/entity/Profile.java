package org.tokenmint.platform.entity;

import java.util.List;
import java.util.Optional;

/**
 * What a request needs to know of its authenticated user, read in the same statement that checks the token, so that
 * {@code me} and the permission checks need no further query.
 */
public record Profile(String id, String username, String name, String email, boolean emailVerified, String status,
        boolean active, List<String> roles, int utcOffset, Boolean requirePasswordChange) {

    public Profile {
        roles = List.copyOf(roles);
    }

    public Optional<String> emailAddress() {
        return Optional.ofNullable(email);
    }

    public Optional<Boolean> passwordChangeRequired() {
        return Optional.ofNullable(requirePasswordChange);
    }
}
