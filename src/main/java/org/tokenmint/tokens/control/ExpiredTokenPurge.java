package org.tokenmint.tokens.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.tokenmint.platform.control.Logs;
import org.tokenmint.platform.control.SchemaReady;
import org.tokenmint.platform.control.Settings;
import org.tokenmint.tokens.entity.PurgeDue;

/**
 * Removes expired tokens periodically (Rocket.Chat sweeps every 10 minutes), on the server's managed scheduled
 * executor, then fires {@link PurgeDue} so that other features purge their aged rows on the same schedule (failed
 * logins no rule counts any more). Every node may run it: the deletes are idempotent.
 */
@ApplicationScoped
public class ExpiredTokenPurge {

    private static final Logger LOG = Logs.of(ExpiredTokenPurge.class);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    Config config;

    @Inject
    Tokens tokens;

    @Inject
    Event<PurgeDue> purgeDue;

    private ScheduledFuture<?> schedule;

    synchronized void start(@Observes SchemaReady ready) {
        if (schedule != null) {
            return;
        }
        long interval = Settings.positiveInt(config, "TOKENMINT_PURGE_INTERVAL_SECONDS");
        schedule = scheduler.scheduleWithFixedDelay(this::purge, interval, interval, TimeUnit.SECONDS);
    }

    void purge() {
        try {
            int purged = tokens.purgeExpired();
            if (purged > 0) {
                LOG.fine(() -> "Purged " + purged + " expired login tokens");
            }
        } catch (RuntimeException e) {
            // A lost database must not end the schedule: the next run tries again.
            LOG.log(Level.WARNING, "Purging expired login tokens failed", e);
        }
        try {
            purgeDue.fire(new PurgeDue());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Purging aged rows of other features failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
