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

/** Which folders an import may read: only folders under the configured import directory. */
class ImportsTest {

    @TempDir
    Path tmp;

    Imports imports(Optional<String> dir) {
        Imports imports = new Imports();
        imports.importDir = dir;
        return imports;
    }

    static String refusal(Runnable call) {
        return assertThrows(ApiError.class, call::run).body().toString();
    }

    @Test
    void withoutAnImportDirectoryEveryFolderIsRefused() {
        String expected = "{\"success\":false,\"error\":\"The server has no import directory "
                + "[error-import-not-configured]\",\"errorType\":\"error-import-not-configured\"}";
        assertEquals(expected, refusal(() -> imports(Optional.empty()).resolve("x")));
        assertEquals(expected, refusal(() -> imports(Optional.of(" ")).resolve("x")));
    }

    @Test
    void onlyFoldersUnderTheDirectoryAreTaken() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("imports"));
        Path export = Files.createDirectories(root.resolve("rc-2026/part1"));
        Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link-out"), tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link-in"), export);
        Files.writeString(root.resolve("file.json"), "{}");
        Imports imports = imports(Optional.of(root.toString()));
        assertEquals(export.toRealPath(), imports.resolve("rc-2026/part1"));
        assertEquals(export.toRealPath(), imports.resolve("./rc-2026/../rc-2026/part1/"));
        assertEquals(export.toRealPath(), imports.resolve("link-in"));
        assertEquals(root.toRealPath(), imports.resolve("."));
        String refused = "{\"success\":false,\"error\":\"The folder must be a folder under the import directory "
                + "[error-invalid-folder]\",\"errorType\":\"error-invalid-folder\"}";
        for (String folder : new String[] {"..", "../outside", "link-out", tmp.resolve("outside").toString(),
                "missing", "file.json", "rc-2026/../../outside", "/"}) {
            assertEquals(refused, refusal(() -> imports.resolve(folder)), folder);
        }
    }
}
