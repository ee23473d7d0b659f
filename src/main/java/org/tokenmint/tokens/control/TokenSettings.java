package org.tokenmint.tokens.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.platform.control.Settings;

/**
 * The token settings, under their Rocket.Chat names, read through MicroProfile Config once, when the bean is made;
 * their defaults are in {@value Settings#DEFAULTS}.
 */
@ApplicationScoped
public class TokenSettings {

    @Inject
    @ConfigProperty(name = "CREATE_TOKENS_FOR_USERS")
    Optional<String> createTokensForUsers;

    @Inject
    @ConfigProperty(name = "CREATE_TOKENS_FOR_USERS_SECRET")
    Optional<String> secret;

    @Inject
    Config config;

    Duration expiration;
    int maxTokensPerUser;

    @PostConstruct
    void read() {
        expiration = Duration.ofDays(Settings.positiveInt(config, "Accounts_LoginExpiration"));
        maxTokensPerUser = Settings.positiveInt(config, "MAX_RESUME_LOGIN_TOKENS");
    }

    /** The secret contract is on when a non-empty secret is configured; then the gate is not read. */
    public boolean secretContract() {
        return secret.filter(s -> !s.isEmpty()).isPresent();
    }

    /** The documented gate: exactly {@code true} or {@code yes}, case-sensitive. */
    public boolean gateOpen() {
        return createTokensForUsers.filter(value -> value.equals("true") || value.equals("yes")).isPresent();
    }

    /** Compares in constant time; false when no secret is configured. */
    public boolean secretMatches(String candidate) {
        return secret.filter(s -> !s.isEmpty())
                .map(s -> MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8),
                        candidate.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    /** How long a token lives after it was issued ({@code Accounts_LoginExpiration}, in days). */
    public Duration expiration() {
        return expiration;
    }

    /** Login tokens kept per user ({@code MAX_RESUME_LOGIN_TOKENS}). */
    public int maxTokensPerUser() {
        return maxTokensPerUser;
    }
}
