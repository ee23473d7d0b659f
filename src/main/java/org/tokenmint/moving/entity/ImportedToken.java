package org.tokenmint.moving.entity;

import java.time.Instant;

/** A live Rocket.Chat login token: its stored hash, {@code base64(sha256(token))}, and when it was issued. */
public record ImportedToken(String hashedToken, Instant issuedAt) {
}
