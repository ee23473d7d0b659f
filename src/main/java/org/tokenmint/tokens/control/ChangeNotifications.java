package org.tokenmint.tokens.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The one place that touches the PostgreSQL driver's own API: LISTEN on a connection and read its notifications'
 * payloads. It is not a CDI bean, so a server that does not give the WAR the driver's classes fails here, when the
 * token cache starts, rather than when the WAR deploys.
 */
final class ChangeNotifications {

    private final PGConnection connection;
    private final String channel;

    /** Starts listening on the channel; the connection must be in auto-commit mode, or LISTEN waits for a commit. */
    ChangeNotifications(Connection connection, String channel) throws SQLException {
        connection.setAutoCommit(true);
        this.connection = connection.unwrap(PGConnection.class);
        this.channel = channel;
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + channel);
        }
    }

    /** The payloads on this channel that arrived, in commit order; waits up to the timeout for the first. */
    List<String> next(int timeoutMillis) throws SQLException {
        PGNotification[] received = connection.getNotifications(Math.max(1, timeoutMillis));
        List<String> payloads = new ArrayList<>();
        if (received != null) {
            for (PGNotification notification : received) {
                if (channel.equals(notification.getName()) && notification.getParameter() != null) {
                    payloads.add(notification.getParameter());
                }
            }
        }
        return payloads;
    }
}
