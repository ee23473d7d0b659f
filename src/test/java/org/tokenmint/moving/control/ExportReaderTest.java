package org.tokenmint.moving.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportReaderTest {

    static List<ExportReader.Record> all(String text) {
        return all(new ExportReader(new BufferedReader(new StringReader(text))));
    }

    static List<ExportReader.Record> all(ExportReader reader) {
        List<ExportReader.Record> records = new ArrayList<>();
        for (ExportReader.Record r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        return records;
    }

    @Test
    void jsonLinesGoOnAfterAMalformedLine() {
        List<ExportReader.Record> records = all("{\"_id\":\"a\"}\n\n{\"_id\":\"b\",\n[1]\nnot json\n"
                + "{\"_id\":\"c\"} {\"_id\":\"d\"}\r\n{\"_id\":\"e\"}");
        assertEquals(6, records.size());
        assertEquals("a", records.get(0).document().getString("_id"));
        assertTrue(records.get(1).isMalformed());
        assertEquals("not a JSON object", records.get(2).malformed());
        assertTrue(records.get(3).isMalformed());
        assertTrue(records.get(4).isMalformed(), "two documents on one line");
        assertEquals("e", records.get(5).document().getString("_id"));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), records.stream().map(ExportReader.Record::position).toList());
    }

    @Test
    void aJsonArrayIsStreamedElementByElement() {
        List<ExportReader.Record> records = all("\uFEFF \n[{\"_id\":\"a\"},\n42,\n{\"_id\":\"b\",\"x\":[1,{\"y\":2}]}]\n");
        assertEquals(3, records.size());
        assertEquals("a", records.get(0).document().getString("_id"));
        assertEquals("not a JSON object", records.get(1).malformed());
        assertEquals("b", records.get(2).document().getString("_id"));
        assertEquals(0, all("[]").size());
        assertEquals(0, all("").size());
    }

    @Test
    void aBrokenArrayEndsWithOneMalformedRecord() {
        List<ExportReader.Record> records = all("[{\"_id\":\"a\"},{\"_id\":\"b\",,{\"_id\":\"c\"}]");
        assertEquals(2, records.size());
        assertTrue(records.get(1).isMalformed());
    }

    @Test
    void skipFindsTheSamePlaceInBothForms() {
        for (String text : new String[] {"{\"n\":1}\n{\"n\":2}\nbad\n{\"n\":4}\n",
                "[{\"n\":1},{\"n\":2},3,{\"n\":4}]"}) {
            ExportReader reader = new ExportReader(new BufferedReader(new StringReader(text)));
            reader.skip(3);
            assertEquals(3, reader.position());
            ExportReader.Record next = reader.next();
            assertEquals(4, next.position());
            assertEquals(4, next.document().getInt("n"));
            assertNull(reader.next());
        }
    }

    /**
     * The text never ends: a reader that took in the whole file before the first document would never answer. Both
     * forms give their documents one by one.
     */
    @Test
    void streamsAnEndlessExport() {
        String line = "{\"_id\":\"%017d\",\"username\":\"u\",\"pad\":\"" + "p".repeat(300) + "\"}";
        for (boolean array : new boolean[] {false, true}) {
            ExportReader reader = new ExportReader(new BufferedReader(endless(line, array)));
            for (int i = 1; i <= 50_000; i++) {
                ExportReader.Record record = reader.next();
                assertEquals(i, record.position());
                assertEquals(String.format("%017d", i - 1), record.document().getString("_id"));
            }
        }
    }

    static Reader endless(String line, boolean array) {
        return new Reader() {
            long user;
            String current = array ? "[" : "";
            int at;

            @Override
            public int read(char[] buffer, int off, int len) {
                if (at == current.length()) {
                    current = (array && user > 0 ? "," : "") + String.format(line, user++) + "\n";
                    at = 0;
                }
                int n = Math.min(len, current.length() - at);
                current.getChars(at, at + n, buffer, off);
                at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    static void close(ExportReader reader) throws IOException {
        reader.close();
    }
}
