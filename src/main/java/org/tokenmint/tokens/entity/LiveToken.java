package org.tokenmint.tokens.entity;

import java.time.Instant;
import org.tokenmint.platform.entity.Profile;

/**
 * A token that authenticates (unexpired, its user active), with its user as read in the same statement, and when it
 * was issued (a cached token expires on its own).
 */
public record LiveToken(long tokenId, Profile user, Instant issuedAt) {
}
