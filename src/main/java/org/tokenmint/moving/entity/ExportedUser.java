package org.tokenmint.moving.entity;

import java.time.Instant;
import java.util.List;

/** A row of {@code users} with its role ids (in order) and its live tokens, as the export writes it. */
public record ExportedUser(String id, String username, String name, String email, boolean emailVerified,
        String passwordHash, boolean active, String type, String status, int utcOffset,
        Boolean requirePasswordChange, Instant createdAt, Instant updatedAt, Instant lastLogin, List<String> roles,
        List<ExportedToken> tokens) {

    public ExportedUser {
        roles = List.copyOf(roles);
        tokens = List.copyOf(tokens);
    }
}
