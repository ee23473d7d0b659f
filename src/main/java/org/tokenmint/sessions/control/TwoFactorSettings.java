package org.tokenmint.sessions.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.platform.control.Settings;

/**
 * The two-factor settings under their Rocket.Chat names, read once when the bean is made; their defaults are in
 * {@value Settings#DEFAULTS}. The switches are on unless set to {@code false} (any case), as the blocking ones.
 */
@ApplicationScoped
public class TwoFactorSettings {

    static final String REMEMBER_FOR = "Accounts_TwoFactorAuthentication_RememberFor";

    @Inject
    @ConfigProperty(name = "Accounts_TwoFactorAuthentication_Enabled")
    String enabled;

    @Inject
    @ConfigProperty(name = "Accounts_TwoFactorAuthentication_Enforce_Password_Fallback")
    String passwordFallback;

    @Inject
    Config config;

    private boolean on;
    private boolean fallback;
    private Duration rememberFor;

    @PostConstruct
    void read() {
        read(config.getOptionalValue(REMEMBER_FOR, String.class).orElse(""));
    }

    /** Reads the switches and this value of {@code RememberFor} (the default from Config when it is no number). */
    void read(String rememberForValue) {
        on = LoginBlocking.isOn(enabled);
        fallback = LoginBlocking.isOn(passwordFallback);
        rememberFor = Duration.ofSeconds(rememberSeconds(rememberForValue,
                () -> Settings.positiveInt(config, REMEMBER_FOR)));
    }

    /**
     * {@code RememberFor} in seconds: a whole number as written ({@code 0} or less turns remembering off, as in
     * Rocket.Chat), a fraction cut off; anything else (empty, {@code soon}) the default.
     */
    static long rememberSeconds(String value, java.util.function.LongSupplier defaultValue) {
        try {
            long seconds = (long) Double.parseDouble(value.trim());
            return Math.max(0, seconds);
        } catch (NumberFormatException notANumber) {
            return defaultValue.getAsLong();
        }
    }

    /** {@code Accounts_TwoFactorAuthentication_Enabled}: without it no route asks for a second factor. */
    public boolean enabled() {
        return on;
    }

    /** {@code Accounts_TwoFactorAuthentication_Enforce_Password_Fallback}: the password counts as a second factor. */
    public boolean passwordFallback() {
        return fallback;
    }

    /** How long a passed step is remembered for one token, address and user agent; zero: not at all. */
    public Duration rememberFor() {
        return rememberFor;
    }
}
