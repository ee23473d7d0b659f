package org.tokenmint.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rocket.Chat's REST rate limiter: a fixed window per key (client address and route), {@code
 * API_Enable_Rate_Limiter_Limit_Calls_Default} calls per {@code API_Enable_Rate_Limiter_Limit_Time_Default} ms.
 * In memory: each node counts its own calls. The settings are read once, when the bean is made; their defaults are
 * in {@value Settings#DEFAULTS}.
 */
@ApplicationScoped
public class RateLimiter {

    /** Above this many keys, expired windows are swept on the next call. */
    static final int SWEEP_ABOVE = 10_000;

    /** The outcome of one call: allowed or not, and what the {@code X-RateLimit-*} headers say. */
    public record Decision(boolean allowed, int limit, int remaining, long resetAtMillis) {

        /** Whole seconds until the window resets, as Rocket.Chat words its 429. */
        public long secondsToWait(long nowMillis) {
            return Math.max(0, (resetAtMillis - nowMillis + 999) / 1000);
        }
    }

    private record Window(long start, int calls) {
    }

    @Inject
    @ConfigProperty(name = "API_Enable_Rate_Limiter")
    String enabled;

    @Inject
    Config config;

    int callsPerWindow;
    long windowMillis;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @PostConstruct
    void read() {
        callsPerWindow = Settings.positiveInt(config, "API_Enable_Rate_Limiter_Limit_Calls_Default");
        windowMillis = Settings.positiveInt(config, "API_Enable_Rate_Limiter_Limit_Time_Default");
    }

    /** How many windows are kept (for tests). */
    int windows() {
        return windows.size();
    }

    public boolean isEnabled() {
        return !"false".equalsIgnoreCase(enabled.trim());
    }

    /** Counts one call under the key and decides it. */
    public Decision hit(String key, long nowMillis) {
        int limit = callsPerWindow;
        long length = windowMillis;
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> w.start() + length <= nowMillis);
        }
        Window window = windows.compute(key, (k, current) -> current == null || current.start() + length <= nowMillis
                ? new Window(nowMillis, 1) : new Window(current.start(), current.calls() + 1));
        return new Decision(window.calls() <= limit, limit, Math.max(0, limit - window.calls()),
                window.start() + length);
    }
}
