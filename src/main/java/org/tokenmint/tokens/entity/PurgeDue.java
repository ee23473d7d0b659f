package org.tokenmint.tokens.entity;

/**
 * Fired by the scheduled purge ({@code tokens.control.ExpiredTokenPurge}) after it has purged expired tokens, so that
 * features to the left of {@code tokens} purge what has aged out of their own tables on the same schedule.
 */
public record PurgeDue() {
}
