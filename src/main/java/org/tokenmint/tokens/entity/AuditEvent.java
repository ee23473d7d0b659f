package org.tokenmint.tokens.entity;

import java.time.Instant;

/** One row of the token audit trail as the audit route shows it: never the token or its hash. */
public record AuditEvent(long id, Instant mintedAt, String callerId, String callerUsername, String targetId,
        String targetUsername, String contract, String clientAddress, boolean live) {
}
