package org.tokenmint.platform.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with Flyway when the application starts, then tells the features that data may be
 * written ({@link SchemaReady}); its observers (the initial admin, the token cache, the purge) run before
 * {@link #done()} turns true. A database that does not answer yet does not fail the deployment: the step is tried
 * again every {@value #RETRY_SECONDS} seconds until it succeeds, and the node's readiness stays DOWN meanwhile.
 * The observers of {@link SchemaReady} may therefore be called more than once, and must act once.
 */
@ApplicationScoped
public class DatabaseMigration {

    static final long RETRY_SECONDS = 2;

    private static final Logger LOG = Logs.of(DatabaseMigration.class);

    @Inject
    Database database;

    @Inject
    Event<SchemaReady> schemaReady;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile boolean done;
    private volatile ScheduledFuture<?> retry;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!attempt(Level.WARNING)) {
            LOG.warning("The database is not reachable or refused the start-up step; trying again every "
                    + RETRY_SECONDS + " s, and readiness stays DOWN until it succeeds");
            retry = scheduler.scheduleWithFixedDelay(this::again, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Whether the schema is current and every start-up step that needs the database has run. */
    public boolean done() {
        return done;
    }

    private void again() {
        if (!done && attempt(Level.FINE)) {
            retry.cancel(false);
        }
    }

    /** One try; a failure is logged at {@code failureLevel} (the first one as a warning, the retries quietly). */
    private boolean attempt(Level failureLevel) {
        try {
            var result = Flyway.configure(DatabaseMigration.class.getClassLoader())
                    .dataSource(database.dataSource())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("Database schema at version " + (result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : result.initialSchemaVersion) + " (" + result.migrationsExecuted + " migrations applied now)");
            schemaReady.fire(new SchemaReady());
            done = true;
            return true;
        } catch (RuntimeException e) {
            LOG.log(failureLevel, "The start-up step on the database failed: " + e, e.getCause());
            return false;
        }
    }

    @PreDestroy
    void stop() {
        if (retry != null) {
            retry.cancel(false);
        }
    }
}
