package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The user columns a cached token carries and the columns whose change notifies the caches are one list: a new profile
 * column read by the token query but missing from the trigger would go stale in every cache.
 */
class CachedColumnsTest {

    static final String TRIGGERS = "db/migration/V5__token_cache_statement_triggers.sql";

    @Test
    void theTriggerWatchesExactlyTheColumnsTheTokenQueryReads() throws IOException {
        Set<String> read = new TreeSet<>();
        Matcher column = Pattern.compile("\\bu\\.(\\w+)").matcher(Tokens.LIVE_TOKEN);
        while (column.find()) {
            read.add(column.group(1));
        }
        assertFalse(read.isEmpty());
        assertEquals(read, watched("o"), "old row columns compared by the trigger");
        assertEquals(read, watched("n"), "new row columns compared by the trigger");
    }

    static Set<String> watched(String alias) throws IOException {
        String sql;
        try (InputStream in = CachedColumnsTest.class.getClassLoader().getResourceAsStream(TRIGGERS)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher tuple = Pattern.compile("\\((" + alias + "\\.id(?:\\s*,\\s*" + alias + "\\.\\w+)+)\\)").matcher(sql);
        assertEquals(true, tuple.find(), "the trigger's column tuple for " + alias);
        Set<String> columns = new TreeSet<>();
        Arrays.stream(tuple.group(1).split(",")).map(String::trim)
                .forEach(c -> columns.add(c.substring(alias.length() + 1)));
        return columns;
    }
}
