package org.tokenmint.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.tokenmint.platform.control.Database;
import org.tokenmint.platform.control.DatabaseMigration;
import org.tokenmint.platform.control.Drain;
import org.tokenmint.platform.control.Logs;

/**
 * The node may take requests: the start-up step has run ({@link DatabaseMigration#done()}: schema migrated, initial
 * admin, token cache started) and the database answers now. The database is asked on a thread of the server's
 * executor, at most one probe at a time (concurrent probes share it), and a probe that has no answer within
 * {@value #ANSWER_MILLIS} ms counts as DOWN: a frozen database never holds a prober (a load balancer) waiting.
 *
 * <p>It is DOWN, whatever the database says, while the node drains before it stops ({@link Drain}).
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    static final String NAME = "tokenmint";

    private static final Logger LOG = Logs.of(ReadinessCheck.class);
    static final long ANSWER_MILLIS = 2_000;

    @Inject
    DatabaseMigration migration;

    @Inject
    Database database;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Drain drain;

    private CompletableFuture<String> probe;

    /** The last answer's state, to log each change once (load balancers probe every few seconds). */
    private volatile Boolean wasUp;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse response = check();
        boolean up = response.getStatus() == HealthCheckResponse.Status.UP;
        if (!Boolean.valueOf(up).equals(wasUp)) {
            wasUp = up;
            LOG.log(up ? Level.INFO : Level.WARNING, "Readiness is now " + response.getStatus()
                    + response.getData().map(data -> " " + data).orElse(""));
        }
        return response;
    }

    private HealthCheckResponse check() {
        HealthCheckResponseBuilder answer = HealthCheckResponse.named(NAME);
        if (drain.draining()) {
            return answer.down().withData("shutdown", "draining: the node is stopping").build();
        }
        if (!migration.done()) {
            return answer.down().withData("startup", "waiting for the database (schema, initial admin)").build();
        }
        answer.withData("startup", "done");
        try {
            return answer.up().withData("database", currentProbe().get(ANSWER_MILLIS, TimeUnit.MILLISECONDS)).build();
        } catch (TimeoutException e) {
            return answer.down().withData("database", "no answer within " + ANSWER_MILLIS + " ms").build();
        } catch (ExecutionException e) {
            return answer.down().withData("database", String.valueOf(e.getCause().getMessage())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return answer.down().withData("database", "interrupted").build();
        }
    }

    /** The probe in flight, or a new one: one connection at most is ever busy answering health checks. */
    private synchronized CompletableFuture<String> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = CompletableFuture.supplyAsync(this::ask, executor);
        }
        return probe;
    }

    /** A connection from the pool (validated there) that also passes the driver's own validity check. */
    private String ask() {
        long start = System.nanoTime();
        try (Connection connection = database.dataSource().getConnection()) {
            if (!connection.isValid((int) TimeUnit.MILLISECONDS.toSeconds(ANSWER_MILLIS))) {
                throw new IllegalStateException("a connection that failed its validity check");
            }
        } catch (SQLException e) {
            // the SQL state only: a driver's message may name the database's host and user
            throw new IllegalStateException(e.getSQLState() == null ? "no connection" : "refused (SQL state "
                    + e.getSQLState() + ")");
        } catch (RuntimeException e) {
            throw new IllegalStateException("refused (" + e.getClass().getSimpleName() + ")");
        }
        return "answered in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms";
    }
}
