package org.tokenmint.access.entity;

/**
 * A user's roles changed in the current transaction. Whoever keeps copies of a user's roles (the token caches)
 * observes it; access itself does not know who that is.
 */
public record RolesChanged(String userId) {
}
