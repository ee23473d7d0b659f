package org.tokenmint.platform.control;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logging.MDC;

/**
 * tokenmint's loggers: plain {@code java.util.logging}, but every line written while a request is served carries
 * that request's id ({@code requestId}), and an audit line ({@link #audit}) its fields, as fields of their own in
 * the servers' JSON logs (README, "Logs"):
 * <ul>
 * <li>WildFly's json-formatter prints the MDC, where the id stays for the whole request (so the server's own lines
 * of that request carry it too) and an audit line's fields for that line;</li>
 * <li>Payara's JSONLogFormatter prints the entries of a {@code Map} among a record's parameters, so each of
 * tokenmint's records gets one.</li>
 * </ul>
 */
public final class Logs {

    public static final String REQUEST_ID = "requestId";

    /**
     * Whether records may carry the fields as a map parameter: not under JBoss LogManager (WildFly), which prints the
     * MDC instead and would run any record with parameters through {@code MessageFormat}, so that a client's text in
     * a message ({@code ${jndi:...}}) made it fail. Payara formats a message only when it holds {@code {0}.
     */
    private static final boolean MAP_PARAMETERS = !java.util.logging.LogManager.getLogManager().getClass().getName()
            .startsWith("org.jboss.logmanager");

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Logs() {
    }

    /** The logger for a class, which tags what it writes. */
    public static Logger of(Class<?> type) {
        return new Tagging(Logger.getLogger(type.getName()));
    }

    /** From now on this thread serves request {@code id}, until {@link #leave}. */
    public static void enter(String id) {
        CURRENT.set(id);
        MDC.put(REQUEST_ID, id);
    }

    public static void leave() {
        CURRENT.remove();
        MDC.remove(REQUEST_ID);
    }

    /** The id of the request this thread serves, or {@code null}. */
    public static String requestId() {
        return CURRENT.get();
    }

    /**
     * One audit line at INFO: {@code event} and the fields (in this order) as fields of the JSON line; its message is
     * {@code <event> <outcome>}. Never pass a token, hash, password or secret.
     */
    public static void audit(Logger logger, String event, Map<String, String> fields) {
        if (!logger.isLoggable(Level.INFO)) {
            return;
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("event", event);
        fields.forEach((key, value) -> all.put(key, value == null ? "-" : value));
        // The message names the event and its outcome only: the fields carry what a client sent (a login name), which
        // must never reach a formatter's pattern.
        String text = event + " " + all.getOrDefault("outcome", "-");
        all.keySet().forEach(key -> MDC.put(key, all.get(key)));
        try {
            LogRecord record = new LogRecord(Level.INFO, text);
            record.setLoggerName(logger.getName());
            if (MAP_PARAMETERS) {
                record.setParameters(new Object[] {Collections.unmodifiableMap(all)});
            }
            logger.log(record);
        } finally {
            all.keySet().forEach(MDC::remove);
        }
    }

    /** Adds the request id to a record's parameters as a map (Payara's JSON fields); messages stay as they are. */
    static void tag(LogRecord record) {
        String id = CURRENT.get();
        if (id == null || !MAP_PARAMETERS) {
            return;
        }
        Object[] parameters = record.getParameters();
        for (Object parameter : parameters == null ? new Object[0] : parameters) {
            if (parameter instanceof Map<?, ?> map && map.containsKey(REQUEST_ID)) {
                return;
            }
        }
        Object[] tagged = parameters == null ? new Object[1] : Arrays.copyOf(parameters, parameters.length + 1);
        tagged[tagged.length - 1] = Map.of(REQUEST_ID, id);
        record.setParameters(tagged);
    }

    /** A logger that tags each record it is given, then hands it to the real one (levels and handlers are its). */
    private static final class Tagging extends Logger {

        private final Logger target;

        Tagging(Logger target) {
            super(target.getName(), null);
            this.target = target;
        }

        @Override
        public boolean isLoggable(Level level) {
            return target.isLoggable(level);
        }

        @Override
        public void log(LogRecord record) {
            tag(record);
            target.log(record);
        }
    }
}
