package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Session;
import org.tokenmint.moving.control.RocketChatExport;
import org.tokenmint.moving.control.RocketChatExport.ExpectedUser;
import org.tokenmint.moving.control.RocketChatExport.Form;

/**
 * The way back (README): a generated Rocket.Chat export (A) imported, exported through {@code POST tokenmint.export}
 * (B) into the default server's {@code TOKENMINT_EXPORT_DIR}, B imported into a database without the test's users,
 * and exported again (C). Every user and live token of A is in B in Rocket.Chat's shape, the rows after B's import
 * are the rows after A's, and C is B byte for byte.
 */
class ExportIT extends OnDefaultServer {

    static final List<String> FILES = List.of("users.json", "rocketchat_roles.json", "rocketchat_permissions.json",
            "rocketchat_settings.json");

    static Path exportDir() {
        return Path.of(System.getProperty("tokenmint.export.dir"));
    }

    JsonObject importFolder(String folder) throws InterruptedException {
        Api.Reply reply = api.post("api/v1/tokenmint.import", admin, "{\"folder\":\"" + folder + "\"}");
        assertEquals(200, reply.status(), reply.body());
        JsonObject status = Jobs.importFinished(api, admin, reply.json().getJsonNumber("jobId").longValue());
        assertEquals("COMPLETED", status.getJsonObject("job").getString("status"), status.toString());
        return status;
    }

    static Map<String, JsonObject> documents(Path file) throws IOException {
        Map<String, JsonObject> documents = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonObject document = Json.createReader(new StringReader(line)).readObject();
            assertNull(documents.put(document.getString("_id"), document), "one line per _id");
        }
        return documents;
    }

    static List<String> strings(JsonValue array) {
        return array.asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void anExportImportedAgainGivesTheSameRowsAndExportsTheSameBytes() throws Exception {
        String prefix = Api.unique("rcx");
        RocketChatExport a = RocketChatExport.generate(prefix, Instant.now(), Form.LINES_CANONICAL, 5, 2,
                prefix.hashCode());
        JsonObject imported = importFolder(ImportIT.write(a, prefix));
        try {
            String rows = Db.userRows(prefix + "-%");
            long users = Db.count("SELECT count(*) FROM users");

            JsonObject status = Jobs.export(api, admin, prefix + "-b");
            Path b = exportDir().resolve(prefix + "-b");
            try (Stream<Path> files = Files.list(b)) {
                assertEquals(Set.copyOf(FILES), files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
            }
            assertFalse(Files.exists(exportDir().resolve(prefix + "-b.partial")), "renamed when complete");
            JsonObject counts = status.getJsonObject("counts");
            assertEquals(users, counts.getInt("users"), status.toString());

            Map<String, JsonObject> exported = documents(b.resolve("users.json"));
            assertEquals(users, exported.size());
            List<String> ids = List.copyOf(exported.keySet());
            assertEquals(ids.stream().sorted().toList(), ids, "in _id order");
            assertEquals(exported.values().stream().mapToInt(u -> u.getJsonObject("services").getJsonObject("resume")
                    .getJsonArray("loginTokens").size()).sum(),
                    counts.getInt("loginTokens") + counts.getInt("personalAccessTokens"));
            for (ExpectedUser user : a.users()) {
                JsonObject document = exported.get(user.id());
                if (!user.outcome().startsWith("imported")) {
                    continue;
                }
                assertNotNull(document, user.username());
                assertEquals(user.username(), document.getString("username"));
                assertEquals(user.active(), document.getBoolean("active"));
                assertEquals(user.type(), document.getString("type"));
                assertEquals(user.roles(), strings(document.get("roles")), user.username());
                JsonObject services = document.getJsonObject("services");
                assertEquals(user.password() != null, services.containsKey("password"), user.username());
                Set<String> hashes = services.getJsonObject("resume").getJsonArray("loginTokens").stream()
                        .map(JsonValue::asJsonObject).map(t -> t.getString("hashedToken")).collect(Collectors.toSet());
                assertEquals(user.liveTokens().stream().map(RocketChatExport::hashedToken).collect(Collectors.toSet()),
                        hashes, user.username() + ": the live tokens, no expired one");
                assertTrue(document.getJsonObject("createdAt").getString("$date")
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), document.toString());
            }
            assertEquals("{\"_id\":\"Accounts_LoginExpiration\",\"type\":\"int\",\"value\":90}\n",
                    Files.readString(b.resolve("rocketchat_settings.json")));
            JsonObject support = documents(b.resolve("rocketchat_roles.json")).get(a.supportRole());
            assertEquals("First-line support", support.getString("description"));
            assertEquals(List.of("admin", a.supportRole()), strings(documents(b.resolve("rocketchat_permissions.json"))
                    .get("view-full-other-user-info").get("roles")));

            // into a database without the test's users: B brings them back as they were, and nobody else changes
            assertTrue(Db.update("DELETE FROM users WHERE username LIKE ?", prefix + "-%") > 0);
            Path again = Path.of(System.getProperty("tokenmint.import.dir")).resolve(prefix + "-b");
            Files.createDirectories(again);
            for (String file : FILES) {
                Files.copy(b.resolve(file), again.resolve(file));
            }
            JsonObject back = importFolder(prefix + "-b");
            assertEquals(ImportIT.count(imported, "user", "imported"), ImportIT.count(back, "user", "imported"),
                    back.toString());
            assertEquals(ImportIT.count(imported, "user", "imported-without-password"),
                    ImportIT.count(back, "user", "imported-without-password"));
            assertTrue(ImportIT.count(back, "user", "duplicate") > 0, "everybody else, the admin first");
            assertEquals(rows, Db.userRows(prefix + "-%"));
            for (ExpectedUser user : a.users()) {
                for (String token : user.liveTokens()) {
                    assertEquals(200, api.get("api/v1/me", new Session(user.id(), token)).status(), user.username());
                }
            }

            Jobs.export(api, admin, prefix + "-c");
            Path c = exportDir().resolve(prefix + "-c");
            for (String file : FILES) {
                assertArrayEquals(Files.readAllBytes(b.resolve(file)), Files.readAllBytes(c.resolve(file)), file);
            }
        } finally {
            Db.update("DELETE FROM permission_roles WHERE permission_id = 'view-full-other-user-info' "
                    + "AND role_id <> 'admin'");
        }
    }

    @Test
    void refusesCallersWithoutThePermissionAndFoldersThatAreNotNewNames() throws Exception {
        String prefix = Api.unique("rcxno");
        Session plain = api.newUser(prefix);
        Api.Reply forbidden = api.post("api/v1/tokenmint.export", plain, "{\"folder\":\"" + prefix + "\"}");
        assertEquals(403, forbidden.status());
        assertEquals("{\"success\":false,\"error\":\"User does not have the permissions required for this action "
                + "[error-unauthorized]\"}", forbidden.body());
        assertEquals(403, api.get("api/v1/tokenmint.export.status?jobId=1", plain).status());
        assertEquals(401, api.post("api/v1/tokenmint.export", null, "{\"folder\":\"" + prefix + "\"}").status());
        assertFalse(Files.exists(exportDir().resolve(prefix)));
        assertFalse(Files.exists(exportDir().resolve(prefix + ".partial")));

        for (String folder : new String[] {"..", "../x", "/etc", "a/b", ".hidden", prefix + ".partial"}) {
            Api.Reply reply = api.post("api/v1/tokenmint.export", admin, "{\"folder\":\"" + folder + "\"}");
            assertEquals(400, reply.status(), folder);
            assertEquals("{\"success\":false,\"error\":\"The folder must be a new folder's name: letters, digits, "
                    + "'.', '_' or '-', not starting with '.' nor ending in .partial [error-invalid-folder]\","
                    + "\"errorType\":\"error-invalid-folder\"}", reply.body(), folder);
        }
        Files.writeString(Files.createDirectories(exportDir().resolve(prefix + "-full")).resolve("x"), "x");
        Api.Reply full = api.post("api/v1/tokenmint.export", admin, "{\"folder\":\"" + prefix + "-full\"}");
        assertEquals(400, full.status());
        assertEquals("{\"success\":false,\"error\":\"The folder exists and is not an empty folder "
                + "[error-folder-not-empty]\",\"errorType\":\"error-folder-not-empty\"}", full.body());
        Files.createDirectories(exportDir().resolve(prefix + "-cut.partial"));
        Api.Reply cut = api.post("api/v1/tokenmint.export", admin, "{\"folder\":\"" + prefix + "-cut\"}");
        assertEquals(400, cut.status());
        assertEquals("{\"success\":false,\"error\":\"An export into this folder is running or was cut off; remove "
                + prefix + "-cut.partial to start again [error-export-under-way]\","
                + "\"errorType\":\"error-export-under-way\"}", cut.body());
        assertEquals(400, api.post("api/v1/tokenmint.export", admin, "{}").status());

        Api.Reply unknown = api.get("api/v1/tokenmint.export.status?jobId=987654321", admin);
        assertEquals(400, unknown.status());
        assertEquals("{\"success\":false,\"error\":\"No export job has this jobId [error-export-not-found]\","
                + "\"errorType\":\"error-export-not-found\"}", unknown.body());
    }

    @Test
    void anEmptyFolderOfTheNameIsFilled() throws Exception {
        String folder = Api.unique("rcxempty");
        Files.createDirectories(exportDir().resolve(folder));
        Jobs.export(api, admin, folder);
        for (String file : FILES) {
            assertTrue(Files.size(exportDir().resolve(folder).resolve(file)) > 0, file);
        }
    }
}
