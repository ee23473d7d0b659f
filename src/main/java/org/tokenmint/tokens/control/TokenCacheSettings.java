package org.tokenmint.tokens.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.platform.control.Settings;

/**
 * The node's token cache settings (tokenmint's own keys), read through MicroProfile Config once, when the bean is
 * made; their defaults are in {@value Settings#DEFAULTS}.
 */
@ApplicationScoped
public class TokenCacheSettings {

    @Inject
    @ConfigProperty(name = "TOKENMINT_TOKEN_CACHE")
    String enabled;

    @Inject
    Config config;

    int users;
    int seconds;

    @PostConstruct
    void read() {
        users = Settings.positiveInt(config, "TOKENMINT_TOKEN_CACHE_USERS");
        seconds = Settings.positiveInt(config, "TOKENMINT_TOKEN_CACHE_SECONDS");
    }

    /** Whether this node answers tokens from its {@link TokenCache}: yes unless the setting is {@code false}. */
    public boolean enabled() {
        return !"false".equalsIgnoreCase(enabled.trim());
    }

    /** The most users whose tokens one node keeps; beyond it the least recently used go first. */
    public int users() {
        return users;
    }

    /** How long a cached token is answered before it is read again, however quiet its user. */
    public int seconds() {
        return seconds;
    }
}
