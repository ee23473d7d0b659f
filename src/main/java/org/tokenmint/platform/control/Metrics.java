package org.tokenmint.platform.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The node's meters (Micrometer, in the WAR, the same on both servers), read in Prometheus' text format
 * ({@link #scrape}). Names follow Micrometer's dotted style; Prometheus shows them with underscores and units
 * ({@code tokenmint.mints} is {@code tokenmint_mints_total}). Timers publish the buckets of {@link #BUCKETS}, enough
 * to alert on a latency without a histogram of a hundred buckets per route.
 */
@ApplicationScoped
public class Metrics {

    /** Histogram buckets of every timer: from half a millisecond to ten seconds. */
    static final Duration[] BUCKETS = {Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MeterRegistry registry() {
        return registry;
    }

    /** A counter with these tags (name, value, name, value...); keep the result on hot paths. */
    public Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** A timer with the node's buckets and these tags; keep the result on hot paths. */
    public Timer timer(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** Every meter, in Prometheus' text exposition format 0.0.4. */
    public String scrape() {
        return registry.scrape();
    }

    @PreDestroy
    void close() {
        registry.close();
    }
}
