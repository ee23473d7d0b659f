package org.tokenmint.users.entity;

/**
 * Fired, inside the transaction that changes the user, when a user may no longer act: deactivated or deleted. The
 * tokens feature observes it and revokes every token of that user in the same transaction.
 */
public record UserAccessRevoked(String userId) {
}
