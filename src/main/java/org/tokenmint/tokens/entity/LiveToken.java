package org.tokenmint.tokens.entity;

import java.time.Instant;
import org.tokenmint.platform.entity.Profile;

/**
 * A token that authenticates (unexpired or personal, its user active), with its user as read in the same statement,
 * when it was issued (a cached login token expires on its own), whether it is a personal access token (which never
 * expires) and whether it skips the two-factor step.
 */
public record LiveToken(long tokenId, Profile user, Instant issuedAt, boolean personal, boolean bypassTwoFactor) {

    /** Whether the token still authenticates at a time when tokens issued at or before {@code cutoff} have expired. */
    public boolean unexpiredAt(Instant cutoff) {
        return personal || issuedAt.isAfter(cutoff);
    }
}
