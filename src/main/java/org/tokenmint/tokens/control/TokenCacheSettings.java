package org.tokenmint.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.platform.control.Settings;

/** The node's token cache settings (tokenmint's own keys), read through MicroProfile Config. */
@ApplicationScoped
public class TokenCacheSettings {

    static final int DEFAULT_USERS = 100_000;
    static final int DEFAULT_SECONDS = 60;

    @Inject
    @ConfigProperty(name = "TOKENMINT_TOKEN_CACHE", defaultValue = "true")
    String enabled;

    @Inject
    @ConfigProperty(name = "TOKENMINT_TOKEN_CACHE_USERS", defaultValue = "100000")
    String users;

    @Inject
    @ConfigProperty(name = "TOKENMINT_TOKEN_CACHE_SECONDS", defaultValue = "60")
    String seconds;

    /** Whether this node answers tokens from its {@link TokenCache}: yes unless the setting is {@code false}. */
    public boolean enabled() {
        return !"false".equalsIgnoreCase(enabled.trim());
    }

    /** The most users whose tokens one node keeps; beyond it the least recently used go first. */
    public int users() {
        return Settings.positiveInt(users, DEFAULT_USERS);
    }

    /** How long a cached token is answered before it is read again, however quiet its user. */
    public int seconds() {
        return Settings.positiveInt(seconds, DEFAULT_SECONDS);
    }
}
