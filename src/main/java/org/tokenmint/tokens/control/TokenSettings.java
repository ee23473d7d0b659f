package org.tokenmint.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.platform.control.Settings;

/** The token settings, under their Rocket.Chat names, read through MicroProfile Config. */
@ApplicationScoped
public class TokenSettings {

    static final int DEFAULT_EXPIRATION_DAYS = 90;
    static final int DEFAULT_MAX_TOKENS = 50;

    @Inject
    @ConfigProperty(name = "CREATE_TOKENS_FOR_USERS")
    Optional<String> createTokensForUsers;

    @Inject
    @ConfigProperty(name = "CREATE_TOKENS_FOR_USERS_SECRET")
    Optional<String> secret;

    @Inject
    @ConfigProperty(name = "Accounts_LoginExpiration", defaultValue = "90")
    String loginExpiration;

    @Inject
    @ConfigProperty(name = "MAX_RESUME_LOGIN_TOKENS", defaultValue = "50")
    String maxResumeLoginTokens;

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

    public Duration expiration() {
        return Duration.ofDays(Settings.positiveInt(loginExpiration, DEFAULT_EXPIRATION_DAYS));
    }

    public int maxTokensPerUser() {
        return Settings.positiveInt(maxResumeLoginTokens, DEFAULT_MAX_TOKENS);
    }
}
