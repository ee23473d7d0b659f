package org.tokenmint.tokens.entity;

import java.time.Instant;
import java.util.Optional;

/** Filters of the audit route: who minted, for whom, and a time window (inclusive start, exclusive end). */
public record AuditQuery(Optional<String> callerId, Optional<String> targetId, Optional<Instant> start,
        Optional<Instant> end) {
}
