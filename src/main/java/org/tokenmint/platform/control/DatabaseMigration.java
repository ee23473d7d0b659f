package org.tokenmint.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with Flyway when the application starts, before it serves a request, then tells
 * the features that data may be written ({@link SchemaReady}).
 */
@ApplicationScoped
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    /** web.xml's datasource reference, which each server maps to its own datasource. */
    @Resource(lookup = "java:comp/env/jdbc/TokenmintDS")
    DataSource dataSource;

    @Inject
    Event<SchemaReady> schemaReady;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        var result = Flyway.configure(DatabaseMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info("Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
        schemaReady.fire(new SchemaReady());
    }
}
