package org.tokenmint.tokens.entity;

import org.tokenmint.users.entity.User;

/** A token that authenticates: unexpired, its user active. */
public record LiveToken(long tokenId, User user) {
}
