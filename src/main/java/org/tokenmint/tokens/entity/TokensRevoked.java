package org.tokenmint.tokens.entity;

/**
 * Tokens were deleted in the current transaction (a logout, a user's tokens, a prune over the cap). The triggers tell
 * every node at the commit; this event makes the request wait until every node has dropped them.
 */
public record TokensRevoked() {
}
