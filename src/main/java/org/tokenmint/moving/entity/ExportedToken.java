package org.tokenmint.moving.entity;

import java.time.Instant;

/**
 * A live token of a user as the export writes it into {@code services.resume.loginTokens}: a login token
 * ({@code hashedToken}, {@code when}), or a personal access token ({@code personal}: with its name, the last 6
 * characters of the token and whether it skips the two-factor step; {@code issuedAt} is then its {@code createdAt}).
 */
public record ExportedToken(String hashedToken, Instant issuedAt, boolean personal, String name,
        String lastTokenPart, boolean bypassTwoFactor) {

    public static ExportedToken login(String hashedToken, Instant issuedAt) {
        return new ExportedToken(hashedToken, issuedAt, false, null, null, false);
    }
}
