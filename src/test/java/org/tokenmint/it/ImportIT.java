package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Session;
import org.tokenmint.moving.control.RocketChatExport;
import org.tokenmint.moving.control.RocketChatExport.ExpectedUser;
import org.tokenmint.moving.control.RocketChatExport.Form;

/**
 * Moving in from Rocket.Chat (README): a generated export of realistic shape, written where the default server's
 * {@code TOKENMINT_IMPORT_DIR} points, imported through {@code POST tokenmint.import} and followed through
 * {@code GET tokenmint.import.status}. Every imported user logs in with its Rocket.Chat password, every live token
 * answers {@code me} without a login, expired ones do not; a second run imports nobody again; a dry run writes
 * nothing.
 */
class ImportIT extends OnDefaultServer {

    static final int EXTRA_USERS = 5;
    static final int TOKENS_EACH = 2;
    /** alice, bob, carol (deactivated), the bot, and the extra users */
    static final int WITH_PASSWORD = 4 + EXTRA_USERS;
    /** the OAuth and the LDAP user */
    static final int WITHOUT_PASSWORD = 2;
    /** alice 2, bob 1, bot 1, oauth 1, and the extra users' */
    static final int LIVE_TOKENS = 5 + EXTRA_USERS * TOKENS_EACH;
    /** alice 2 (past tokenmint's 90 days, and past the export's 30), carol 1 */
    static final int EXPIRED_TOKENS = 3;

    /** Writes a generated export into a new folder under the import directory and answers its name there. */
    static String write(RocketChatExport export, String name) {
        Path dir = Path.of(System.getProperty("tokenmint.import.dir")).resolve(name);
        export.writeTo(dir);
        return name;
    }

    JsonObject start(String folder, boolean dryRun) {
        Api.Reply reply = api.post("api/v1/tokenmint.import", admin,
                "{\"folder\":\"" + folder + "\",\"dryRun\":" + dryRun + "}");
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    /** Follows the job until it is done: the status route's answer. */
    JsonObject finished(long jobId) throws InterruptedException {
        return Jobs.importFinished(api, admin, jobId);
    }

    JsonObject importFolder(String folder, boolean dryRun) throws InterruptedException {
        JsonObject started = start(folder, dryRun);
        assertEquals(folder, started.getString("folder"));
        assertEquals(dryRun, started.getBoolean("dryRun"));
        JsonObject status = finished(started.getJsonNumber("jobId").longValue());
        assertEquals("COMPLETED", status.getJsonObject("job").getString("status"), status.toString());
        assertEquals(started.getString("importId"), status.getJsonObject("job").getString("importId"));
        return status;
    }

    static int count(JsonObject status, String kind, String outcome) {
        JsonObject counts = status.getJsonObject("counts").getJsonObject(kind);
        return counts == null ? 0 : counts.getInt(outcome, 0);
    }

    static Map<String, JsonObject> items(JsonObject status, String kind) {
        return status.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .filter(item -> item.getString("kind").equals(kind) && item.containsKey("_id"))
                .collect(Collectors.toMap(item -> item.getString("_id"), item -> item, (a, b) -> a));
    }

    /** Every live token answers me as its user, with no login; no expired one does. */
    void tokensCameAlong(RocketChatExport export) {
        for (ExpectedUser user : export.users()) {
            for (String token : user.liveTokens()) {
                Api.Reply me = api.get("api/v1/me", new Session(user.id(), token));
                assertEquals(200, me.status(), user.username() + ": " + me.body());
                assertEquals(user.id(), me.json().getString("_id"));
                assertEquals(user.username(), me.json().getString("username"));
            }
            for (String token : user.expiredTokens()) {
                assertEquals(401, api.get("api/v1/me", new Session(user.id(), token)).status(), user.username());
            }
        }
    }

    /** Every active user with a password logs in with it; the deactivated one is refused. */
    void passwordsCameAlong(RocketChatExport export) {
        for (ExpectedUser user : export.users()) {
            if (user.password() == null || user.outcome().equals("conflict")) {
                continue;
            }
            Api.Reply login = api.post("api/v1/login", null,
                    "{\"user\":\"" + user.username() + "\",\"password\":\"" + user.password() + "\"}");
            if (user.active()) {
                assertEquals(200, login.status(), user.username() + ": " + login.body());
                assertEquals(user.id(), login.json().getJsonObject("data").getString("userId"));
            } else {
                assertNotEquals(200, login.status(), user.username() + " is deactivated");
            }
        }
    }

    @Test
    void jsonLinesCarryOverUsersPasswordsTokensRolesAndPermissions() throws Exception {
        String prefix = Api.unique("rc");
        RocketChatExport export = RocketChatExport.generate(prefix, Instant.now(), Form.LINES_RELAXED, EXTRA_USERS,
                TOKENS_EACH, prefix.hashCode());
        JsonObject status = importFolder(write(export, prefix), false);
        try {
            assertEquals(WITH_PASSWORD, count(status, "user", "imported"), status.toString());
            assertEquals(WITHOUT_PASSWORD, count(status, "user", "imported-without-password"));
            assertEquals(1, count(status, "user", "conflict"), "Rocket.Chat's admin: tokenmint has one");
            assertEquals(1, count(status, "user", "skipped"), "the user without a username");
            assertEquals(export.malformedUsers(), count(status, "user", "malformed"));
            assertEquals(LIVE_TOKENS, status.getJsonObject("tokens").getInt("imported"));
            assertEquals(EXPIRED_TOKENS, status.getJsonObject("tokens").getInt("expired"));
            assertEquals(2, count(status, "role", "imported"), "the two custom roles");
            assertEquals(5, count(status, "role", "exists"), "admin, user, bot, guest, app");
            assertEquals(2, count(status, "role", "skipped"), "owner and moderator are room roles");
            assertEquals(2, count(status, "permission", "updated"));
            assertEquals(3, count(status, "permission", "unknown"));
            assertEquals(1, count(status, "permission", "malformed"));
            assertEquals(1, count(status, "setting", "applied"));
            Map<String, JsonObject> permissions = items(status, "permission");
            assertEquals("unknown", permissions.get("post-readonly").getString("outcome"));
            ExpectedUser admin = export.users().stream().filter(u -> u.outcome().equals("conflict")).findFirst()
                    .orElseThrow();
            assertTrue(items(status, "user").get(admin.id()).getString("detail").startsWith("username admin is taken"),
                    status.toString());

            tokensCameAlong(export);
            passwordsCameAlong(export);

            ExpectedUser bob = export.users().get(1);
            JsonObject bobInfo = api.get("api/v1/users.info?userId=" + bob.id(), this.admin).json()
                    .getJsonObject("user");
            assertEquals(bob.roles().toString(), bobInfo.getJsonArray("roles").getValuesAs(
                    jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList()
                    .toString());
            String roles = api.get("api/v1/roles.list", this.admin).body();
            assertTrue(roles.contains("\"description\":\"First-line support\""), roles);
            assertEquals("admin," + export.supportRole(), Db.string("SELECT string_agg(role_id, ',' ORDER BY position) "
                    + "FROM permission_roles WHERE permission_id = 'view-full-other-user-info'"));
        } finally {
            Db.update("DELETE FROM permission_roles WHERE permission_id = 'view-full-other-user-info' "
                    + "AND role_id <> 'admin'");
        }
    }

    @Test
    void aSecondRunImportsNothingNewAndReportsDuplicates() throws Exception {
        String prefix = Api.unique("rc2");
        RocketChatExport export = RocketChatExport.generate(prefix, Instant.now(), Form.ARRAY_CANONICAL,
                EXTRA_USERS, TOKENS_EACH, prefix.hashCode());
        String folder = write(export, prefix);
        try {
            JsonObject first = importFolder(folder, false);
            assertEquals(WITH_PASSWORD, count(first, "user", "imported"), first.toString());
            assertEquals(1, count(first, "user", "malformed"), "the array's element 42");
            tokensCameAlong(export);
            String before = snapshot(prefix);

            JsonObject second = importFolder(folder, false);
            assertEquals(0, count(second, "user", "imported"), second.toString());
            assertEquals(0, count(second, "user", "imported-without-password"), second.toString());
            assertEquals(WITH_PASSWORD + WITHOUT_PASSWORD, count(second, "user", "duplicate"), second.toString());
            assertEquals(0, second.getJsonObject("tokens").getInt("imported"));
            assertEquals(0, count(second, "role", "imported"));
            assertEquals(7, count(second, "role", "exists"));
            assertEquals(before, snapshot(prefix));
            passwordsCameAlong(export);
        } finally {
            Db.update("DELETE FROM permission_roles WHERE permission_id = 'view-full-other-user-info' "
                    + "AND role_id <> 'admin'");
        }
    }

    @Test
    void aDryRunReportsAndWritesNothing() throws Exception {
        String prefix = Api.unique("rcdry");
        RocketChatExport export = RocketChatExport.generate(prefix, Instant.now(), Form.LINES_CANONICAL,
                EXTRA_USERS, TOKENS_EACH, prefix.hashCode());
        String folder = write(export, prefix);
        String before = snapshot(prefix);
        String permissionsBefore = permissionRoles();

        JsonObject dry = importFolder(folder, true);
        assertTrue(dry.getJsonObject("job").getBoolean("dryRun"));
        assertEquals(WITH_PASSWORD, count(dry, "user", "would-import"), dry.toString());
        assertEquals(WITHOUT_PASSWORD, count(dry, "user", "would-import-without-password"));
        assertEquals(0, count(dry, "user", "imported"));
        assertEquals(1, count(dry, "user", "conflict"));
        assertEquals(LIVE_TOKENS, dry.getJsonObject("tokens").getInt("imported"), "the tokens it would carry over");
        assertEquals(2, count(dry, "role", "would-import"));
        assertEquals(2, count(dry, "permission", "would-update"));
        assertEquals(before, snapshot(prefix));
        assertEquals("users 0, roles 0, tokens 0", before);
        assertEquals(permissionsBefore, permissionRoles());
        for (ExpectedUser user : export.users()) {
            for (String token : user.liveTokens()) {
                assertEquals(401, api.get("api/v1/me", new Session(user.id(), token)).status());
            }
        }
    }

    /**
     * A run that fails half-way (a trigger refuses one user of the third chunk, as a database error would) and is
     * restarted through {@code tokenmint.import.restart} once the cause is gone ends with the same rows as an
     * uninterrupted run of the same export.
     */
    @Test
    void aRunFailedHalfWayAndRestartedEndsAsAnUninterruptedOne() throws Exception {
        String prefix = Api.unique("rcre");
        int extra = 250;
        RocketChatExport export = RocketChatExport.generate(prefix, Instant.now(), Form.LINES_RELAXED, extra, 1,
                prefix.hashCode());
        String folder = write(export, prefix);
        // the test server commits 100 records at a time (TOKENMINT_IMPORT_CHUNK_SIZE): the cast's 8 documents and 2
        // malformed lines come first, so user230 is record 241, in the third chunk with user240 (251); user180 (191)
        // is in the second
        String failing = prefix.replace('-', '_') + "_fails";
        Db.update("CREATE FUNCTION " + failing + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.username = '" + prefix + "-user230' THEN RAISE EXCEPTION 'injected failure'; END IF; "
                + "RETURN NEW; END $$");
        Db.update("CREATE TRIGGER " + failing + " BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION " + failing
                + "()");
        JsonObject started;
        try {
            started = start(folder, false);
            JsonObject failed = finished(started.getJsonNumber("jobId").longValue());
            assertEquals("FAILED", failed.getJsonObject("job").getString("status"), failed.toString());
            assertEquals(1, Db.count("SELECT count(*) FROM users WHERE username = ?", prefix + "-user180"));
            assertEquals(0, Db.count("SELECT count(*) FROM users WHERE username IN (?, ?)", prefix + "-user230",
                    prefix + "-user240"), "the failed chunk is rolled back whole");
        } finally {
            Db.update("DROP TRIGGER IF EXISTS " + failing + " ON users");
            Db.update("DROP FUNCTION IF EXISTS " + failing + "()");
        }
        try {
            long failedJob = started.getJsonNumber("jobId").longValue();
            Api.Reply restart = api.post("api/v1/tokenmint.import.restart", admin, "{\"jobId\":" + failedJob + "}");
            assertEquals(200, restart.status(), restart.body());
            JsonObject restarted = restart.json();
            long restartedJob = restarted.getJsonNumber("jobId").longValue();
            assertNotEquals(failedJob, restartedJob);
            assertEquals(started.getString("importId"), restarted.getString("importId"));
            assertEquals(folder, restarted.getString("folder"));
            JsonObject done = finished(restartedJob);
            assertEquals("COMPLETED", done.getJsonObject("job").getString("status"), done.toString());
            assertEquals(4 + extra, count(done, "user", "imported"), done.toString());
            assertEquals(WITHOUT_PASSWORD, count(done, "user", "imported-without-password"));
            assertEquals(1, count(done, "user", "conflict"));
            assertEquals(5 + extra, done.getJsonObject("tokens").getInt("imported"));
            tokensCameAlong(export);
            String restartedRows = Db.userRows(prefix + "-%");

            Api.Reply again = api.post("api/v1/tokenmint.import.restart", admin, "{\"jobId\":" + restartedJob + "}");
            assertEquals(400, again.status());
            assertEquals("{\"success\":false,\"error\":\"Only a FAILED or STOPPED import job can be restarted, and it "
                    + "is COMPLETED [error-import-not-restartable]\",\"errorType\":\"error-import-not-restartable\"}",
                    again.body());
            Api.Reply superseded = api.post("api/v1/tokenmint.import.restart", admin, "{\"jobId\":" + failedJob + "}");
            assertEquals(400, superseded.status(), superseded.body());
            assertEquals("error-import-not-restartable", superseded.json().getString("errorType"));

            // the uninterrupted run of the same export, from scratch
            Db.update("DELETE FROM users WHERE username LIKE ?", prefix + "-%");
            JsonObject uninterrupted = importFolder(folder, false);
            assertEquals(4 + extra, count(uninterrupted, "user", "imported"), uninterrupted.toString());
            assertEquals(restartedRows, Db.userRows(prefix + "-%"));
        } finally {
            Db.update("DELETE FROM permission_roles WHERE permission_id = 'view-full-other-user-info' "
                    + "AND role_id <> 'admin'");
        }
    }

    @Test
    void restartRefusesUnknownJobsAndCallersWithoutThePermission() {
        Api.Reply unknown = api.post("api/v1/tokenmint.import.restart", admin, "{\"jobId\":987654321}");
        assertEquals(400, unknown.status());
        assertEquals("{\"success\":false,\"error\":\"No import job has this jobId [error-import-not-found]\","
                + "\"errorType\":\"error-import-not-found\"}", unknown.body());
        assertEquals(400, api.post("api/v1/tokenmint.import.restart", admin, "{\"jobId\":1.5}").status());
        assertEquals(400, api.post("api/v1/tokenmint.import.restart", admin, "{\"jobId\":-1}").status());
        Session plain = api.newUser(Api.unique("norestart"));
        Api.Reply forbidden = api.post("api/v1/tokenmint.import.restart", plain, "{\"jobId\":1}");
        assertEquals(403, forbidden.status());
        assertEquals("{\"success\":false,\"error\":\"User does not have the permissions required for this action "
                + "[error-unauthorized]\"}", forbidden.body());
    }

    @Test
    void refusesFoldersOutsideTheImportDirectoryAndCallersWithoutThePermission() throws Exception {
        String prefix = Api.unique("rcno");
        Files.createDirectories(Path.of(System.getProperty("tokenmint.import.dir")).resolve(prefix));
        for (String folder : new String[] {"..", "../it-import/../..", "/etc", prefix + "-missing"}) {
            Api.Reply reply = api.post("api/v1/tokenmint.import", admin, "{\"folder\":\"" + folder + "\"}");
            assertEquals(400, reply.status(), folder);
            assertEquals("{\"success\":false,\"error\":\"The folder must be a folder under the import directory "
                    + "[error-invalid-folder]\",\"errorType\":\"error-invalid-folder\"}", reply.body(), folder);
        }
        Api.Reply empty = api.post("api/v1/tokenmint.import", admin, "{\"folder\":\"" + prefix + "\"}");
        assertEquals(400, empty.status());
        assertEquals("{\"success\":false,\"error\":\"The folder has no users.json [error-invalid-export]\","
                + "\"errorType\":\"error-invalid-export\"}", empty.body());
        Api.Reply noFolder = api.post("api/v1/tokenmint.import", admin, "{\"dryRun\":true}");
        assertEquals(400, noFolder.status());
        assertTrue(noFolder.body().contains("invalid-params"), noFolder.body());

        Session plain = api.newUser(Api.unique("noimport"));
        assertEquals(403, api.post("api/v1/tokenmint.import", plain, "{\"folder\":\"" + prefix + "\"}").status());
        assertEquals(403, api.get("api/v1/tokenmint.import.status?jobId=1", plain).status());
        assertEquals(401, api.get("api/v1/tokenmint.import.status?jobId=1", null).status());

        Api.Reply unknown = api.get("api/v1/tokenmint.import.status?jobId=987654321", admin);
        assertEquals(400, unknown.status());
        assertEquals("{\"success\":false,\"error\":\"No import job has this jobId [error-import-not-found]\","
                + "\"errorType\":\"error-import-not-found\"}", unknown.body());
        assertEquals(400, api.get("api/v1/tokenmint.import.status?jobId=x", admin).status());
    }

    static String snapshot(String prefix) {
        return "users " + Db.count("SELECT count(*) FROM users WHERE username LIKE ?", prefix + "-%")
                + ", roles " + Db.count("SELECT count(*) FROM roles WHERE name LIKE ? OR id LIKE ?", prefix + " %",
                        prefix + "-%")
                + ", tokens " + Db.count("SELECT count(*) FROM login_tokens t JOIN users u ON u.id = t.user_id "
                        + "WHERE u.username LIKE ?", prefix + "-%");
    }

    static String permissionRoles() {
        return Db.string("SELECT string_agg(permission_id || ':' || role_id, ',' ORDER BY permission_id, position) "
                + "FROM permission_roles");
    }

    static List<String> ids(RocketChatExport export) {
        return export.users().stream().map(ExpectedUser::id).toList();
    }
}
