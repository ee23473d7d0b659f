package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class LogsTest {

    private final Logger real = Logger.getLogger(LogsTest.class.getName());
    private final List<LogRecord> written = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            written.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        real.setUseParentHandlers(false);
        real.addHandler(capture);
        real.setLevel(Level.ALL);
    }

    @AfterEach
    void release() {
        real.removeHandler(capture);
        real.setUseParentHandlers(true);
        Logs.leave();
    }

    @Test
    void linesOutsideARequestAreUntouched() {
        Logs.of(LogsTest.class).warning("no request here");
        assertEquals(1, written.size());
        assertNull(written.get(0).getParameters());
        assertEquals("no request here", written.get(0).getMessage());
    }

    @Test
    void linesOfARequestCarryItsIdAsAMapParameterAfterTheirOwn() {
        Logs.enter("req-1");
        Logs.of(LogsTest.class).log(Level.INFO, "user {0}", "bob");
        Logger.getLogger(LogsTest.class.getName()).info("a plain logger tags nothing");
        assertArrayEquals(new Object[] {"bob", Map.of(Logs.REQUEST_ID, "req-1")}, written.get(0).getParameters());
        assertEquals("user {0}", written.get(0).getMessage());
        assertNull(written.get(1).getParameters());
        Logs.leave();
        Logs.of(LogsTest.class).info("after the request");
        assertNull(written.get(2).getParameters());
    }

    @Test
    void anAuditLineHasItsFieldsInOrderAndAsText() {
        Logs.enter("req-2");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("outcome", "refused");
        fields.put("caller", null);
        Logs.audit(Logs.of(LogsTest.class), "mint", fields);
        LogRecord record = written.get(0);
        assertEquals(Level.INFO, record.getLevel());
        assertEquals("mint refused", record.getMessage());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("event", "mint");
        expected.put("outcome", "refused");
        expected.put("caller", "-");
        assertEquals(List.of(expected, Map.of(Logs.REQUEST_ID, "req-2")), List.of(record.getParameters()));
        assertEquals(List.of("event", "outcome", "caller"),
                List.copyOf(((Map<?, ?>) record.getParameters()[0]).keySet()));
    }

    @Test
    void nothingIsBuiltBelowTheLoggersLevel() {
        real.setLevel(Level.WARNING);
        Logs.audit(Logs.of(LogsTest.class), "mint", Map.of("outcome", "success"));
        assertEquals(List.of(), written);
    }
}
