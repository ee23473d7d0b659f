package org.tokenmint.tokens.entity;

import org.tokenmint.users.entity.Profile;

/** A token that authenticates (unexpired, its user active), with its user as read in the same statement. */
public record LiveToken(long tokenId, Profile user) {
}
