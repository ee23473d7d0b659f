package org.tokenmint.moving.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tokenmint.platform.control.ApiError;

/** Which folders an export may be written into: a new (or empty) folder's name under the export directory. */
class ExportsTest {

    @TempDir
    Path tmp;

    Exports exports(Optional<String> dir) {
        Exports exports = new Exports();
        exports.exportDir = dir;
        return exports;
    }

    static String refusal(Runnable call) {
        return assertThrows(ApiError.class, call::run).body().toString();
    }

    @Test
    void withoutAnExportDirectoryEveryExportIsRefused() {
        String expected = "{\"success\":false,\"error\":\"The server has no export directory "
                + "[error-export-not-configured]\",\"errorType\":\"error-export-not-configured\"}";
        assertEquals(expected, refusal(() -> exports(Optional.empty()).target("x")));
        assertEquals(expected, refusal(() -> exports(Optional.of("")).target("x")));
    }

    @Test
    void aNewOrEmptyFolderOfOneNameIsTaken() throws IOException {
        Path root = tmp.resolve("exports");
        Exports exports = exports(Optional.of(root.toString()));
        Path first = exports.target("rocketchat-2026-12-01");
        assertEquals(root.toRealPath().resolve("rocketchat-2026-12-01"), first, "the directory is made when missing");
        Files.createDirectories(root.resolve("empty"));
        assertEquals(root.toRealPath().resolve("empty"), exports.target("empty"));
        assertEquals(root.toRealPath().resolve("a.b_c-1"), exports.target("a.b_c-1"));
    }

    @Test
    void pathsDotsPartialsAndFullFoldersAreRefused() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("exports"));
        Files.writeString(Files.createDirectories(root.resolve("full")).resolve("users.json"), "{}");
        Files.writeString(root.resolve("file"), "x");
        Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), tmp.resolve("outside"));
        Exports exports = exports(Optional.of(root.toString()));
        String invalid = "{\"success\":false,\"error\":\"The folder must be a new folder's name: letters, digits, "
                + "'.', '_' or '-', not starting with '.' nor ending in .partial [error-invalid-folder]\","
                + "\"errorType\":\"error-invalid-folder\"}";
        for (String folder : new String[] {"..", ".", "../x", "/etc", tmp.resolve("outside").toString(), "a/b",
                "a\\b", ".hidden", "x.partial", "", "a b", "é", "x".repeat(201), "a\0b"}) {
            assertEquals(invalid, refusal(() -> exports.target(folder)), folder);
        }
        String notEmpty = "{\"success\":false,\"error\":\"The folder exists and is not an empty folder "
                + "[error-folder-not-empty]\",\"errorType\":\"error-folder-not-empty\"}";
        for (String folder : new String[] {"full", "file", "link"}) {
            assertEquals(notEmpty, refusal(() -> exports.target(folder)), folder);
        }
    }

    /** A step's counts survive the job repository as a String (Payara's JBatch cannot load array classes). */
    @Test
    void countsGoThroughTheJobRepositoryAsText() {
        ExportCounts counts = new ExportCounts(100_000, 999_990, 3, 7, 19);
        assertEquals("100000,999990,3,7,19", counts.persistent());
        assertEquals(counts, ExportCounts.of(counts.persistent()));
        assertEquals(ExportCounts.NONE, ExportCounts.of(null));
        assertEquals(ExportCounts.NONE, ExportCounts.of(new long[] {1, 2, 3, 4, 5}));
        assertEquals(ExportCounts.NONE, ExportCounts.of("1,2"));
        assertEquals(new ExportCounts(2, 4, 6, 8, 10), new ExportCounts(1, 2, 3, 4, 5).plus(new ExportCounts(1, 2, 3, 4, 5)));
    }
}
