package org.tokenmint.sessions.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * A current block: of a client address or of a login name (a username or an email, lower-cased), since the failure
 * that reached the limit, until the instant logins are let through again.
 */
public record LoginBlock(Kind kind, String key, Instant since, Instant until) {

    /** What is blocked, with its name on the wire. */
    public enum Kind {
        IP("ip"), USER("user");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public LoginBlock {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(key);
        Objects.requireNonNull(since);
        Objects.requireNonNull(until);
    }
}
