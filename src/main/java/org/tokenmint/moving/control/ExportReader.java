package org.tokenmint.moving.control;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.tokenmint.platform.control.Jsons;

/**
 * Streams the documents of one {@code mongoexport} file, one at a time, never the whole file: JSON lines (the
 * default, one document per line) or a JSON array ({@code --jsonArray}). In JSON lines a line that is not a JSON
 * object is one malformed record, and reading goes on with the next line; in an array a malformed element ends the
 * file (a JSON parser cannot find the next element after a syntax error), reported as one malformed record.
 * Positions count records from 1, malformed ones included, so that a checkpoint ({@link #skip}) finds the same
 * place again.
 */
public final class ExportReader implements Closeable {

    /** One record: a document, or why the text at this position is not one. */
    public record Record(long position, JsonObject document, String malformed) {
        public boolean isMalformed() {
            return document == null;
        }
    }

    private final BufferedReader in;
    private JsonParser array;
    private boolean started;
    private boolean finished;
    private long position;

    public ExportReader(BufferedReader in) {
        this.in = in;
    }

    /** Reads past the first {@code records} records (a restart from a checkpoint). */
    public void skip(long records) {
        for (long i = 0; i < records && next() != null; i++) {
            // skipped
        }
    }

    /** The records read so far. */
    public long position() {
        return position;
    }

    /** The next record, or {@code null} at the end of the file. */
    public Record next() {
        if (finished) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                if (startsWithArray()) {
                    array = Jsons.parser(in);
                    array.next(); // START_ARRAY
                }
            }
            return array != null ? nextElement() : nextLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean startsWithArray() throws IOException {
        while (true) {
            in.mark(4);
            int c = in.read();
            if (c == -1) {
                return false;
            }
            if (c == '\uFEFF' || Character.isWhitespace(c)) {
                continue;
            }
            in.reset();
            return c == '[';
        }
    }

    private Record nextLine() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                finished = true;
                return null;
            }
        } while (line.isBlank());
        position++;
        try (JsonParser parser = Jsons.parser(new StringReader(line))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                return new Record(position, null, "not a JSON object");
            }
            JsonObject document = parser.getObject();
            if (parser.hasNext()) {
                return new Record(position, null, "text after the JSON object");
            }
            return new Record(position, document, null);
        } catch (JsonParsingException e) {
            return new Record(position, null, "malformed JSON");
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return new Record(position, null, "malformed JSON");
        }
    }

    private Record nextElement() {
        try {
            if (!array.hasNext()) {
                finished = true;
                return null;
            }
            JsonParser.Event event = array.next();
            if (event == JsonParser.Event.END_ARRAY) {
                finished = true;
                return null;
            }
            position++;
            if (event != JsonParser.Event.START_OBJECT) {
                if (event == JsonParser.Event.START_ARRAY) {
                    array.skipArray();
                }
                return new Record(position, null, "not a JSON object");
            }
            return new Record(position, array.getObject(), null);
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            finished = true;
            position++;
            return new Record(position, null, "malformed JSON; the rest of the array cannot be read");
        }
    }

    @Override
    public void close() throws IOException {
        if (array != null) {
            array.close();
        }
        in.close();
    }

    /** A value of the document, {@link JsonValue#NULL} when absent. */
    static JsonValue field(JsonObject document, String name) {
        JsonValue value = document.get(name);
        return value == null ? JsonValue.NULL : value;
    }
}
