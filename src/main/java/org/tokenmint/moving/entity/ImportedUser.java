package org.tokenmint.moving.entity;

import java.time.Instant;
import java.util.List;

/**
 * A Rocket.Chat user document as tokenmint keeps it: the fields a {@code users} row holds, its role ids (those
 * tokenmint has), its live login tokens, and what the mapping left behind ({@code notes}, {@code expiredTokens}).
 */
public record ImportedUser(String id, String username, String name, String email, boolean emailVerified,
        String passwordHash, boolean active, String type, Boolean requirePasswordChange, int utcOffset,
        Instant createdAt, Instant updatedAt, Instant lastLogin, List<String> roles, List<ImportedToken> tokens,
        int expiredTokens, List<String> notes) {

    public ImportedUser {
        roles = List.copyOf(roles);
        tokens = List.copyOf(tokens);
        notes = List.copyOf(notes);
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }
}
