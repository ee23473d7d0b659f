package org.tokenmint.platform.control;

/** Fired once at start-up, after the Flyway migrations: the schema is current and data may be written. */
public final class SchemaReady {
}
