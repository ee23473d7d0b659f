package org.tokenmint.tokens.entity;

import java.time.Instant;

/**
 * A personal access token as users.getPersonalAccessTokens shows it: its name, when it was made, its last 6
 * characters and whether it skips the two-factor step. Never the token or its hash.
 */
public record PersonalToken(String name, Instant createdAt, String lastTokenPart, boolean bypassTwoFactor) {
}
