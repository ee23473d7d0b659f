package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;
import org.tokenmint.platform.boundary.OpenApiDocument;
import org.tokenmint.platform.boundary.OpenApiDocumentTest;

/**
 * The OpenAPI document as each server serves it at {@code /openapi}: it is tokenmint's document, the file
 * {@code META-INF/openapi.yaml} and nothing scanned, and it names every route; and its examples are what the server
 * answers. Every example of an answer is replayed: the request is built from the request examples of the same name
 * (body, query parameters) and from {@link #REPLAYS}, which says who calls and how to compare; the status must be the
 * example's and the body the example's, byte for byte ({@link Compare#EXACT}) or, where ids, tokens and dates vary,
 * key for key with every fixed value equal ({@link Compare#SHAPE}). An example that no entry of {@link #REPLAYS}
 * covers fails the test, and so does an entry for an example the document no longer has, so a new example cannot go
 * unchecked. The examples are taken from the file, which {@link #theServedDocumentIsTheFile} compares with what the
 * server serves (Payara drops empty objects and arrays from the example values it serves).
 *
 * <p>The examples name a cast: bob ({@code rqXMpMkkqLHTm5TBy}, {@code bob}, {@code bob@example.com},
 * {@code bob-password}) and the admin ({@code Joe7j7B8TrWBLLcJF}). Each replay makes its own bob (a fresh user whose
 * names are bob's with a unique suffix) and puts its values in place of the cast's, in the request and in the
 * expected answer.
 */
class OpenApiIT extends OnDefaultServer {

    /** Who sends the request. */
    enum Caller {
        /** No X-User-Id / X-Auth-Token. */
        NONE,
        /** The admin of the test server. */
        ADMIN,
        /** The replay's bob, in his own session. */
        BOB,
        /** A plain user (role user only) who is neither bob nor the admin. */
        USER
    }

    enum Compare {
        /** The body is the example, byte for byte. */
        EXACT,
        /** Same keys in the same order at every level, same types, and equal values but for {@link #VARYING} keys. */
        SHAPE,
        /** As SHAPE, and the first element of every array of objects too. */
        DEEP_SHAPE
    }

    /** Values that differ from run to run: ids, tokens, times, the version, the server's address. */
    static final Set<String> VARYING = Set.of("_id", "userId", "authToken", "createdAt", "_updatedAt", "lastLogin", "ts",
            "version", "avatarUrl", "clientAddress", "total", "token", "lastTokenPart");

    /**
     * How an example is replayed: the caller, whether bob must exist first (created and logged in, so he has a token
     * and a lastLogin), how to compare, and what the request examples cannot say: a raw body and its content type, an
     * extra query string, bob deactivated first. {@code skip} gives the reason an example is not replayed.
     */
    record Replay(Caller caller, boolean bob, Compare compare, String rawBody, String contentType, String extraQuery,
            boolean deactivateBob, boolean slowBody, String skip, String twoFactorCode, String personalToken) {

        static Replay as(Caller caller, boolean bob, Compare compare) {
            return new Replay(caller, bob, compare, null, null, null, false, false, null, null, null);
        }

        static Replay skipped(String reason) {
            return new Replay(null, false, null, null, null, null, false, false, reason, null, null);
        }

        Replay raw(String body, String type) {
            return new Replay(caller, bob, compare, body, type, extraQuery, deactivateBob, slowBody, skip,
                    twoFactorCode, personalToken);
        }

        Replay query(String extra) {
            return new Replay(caller, bob, compare, rawBody, contentType, extra, deactivateBob, slowBody, skip,
                    twoFactorCode, personalToken);
        }

        Replay deactivatingBob() {
            return new Replay(caller, bob, compare, rawBody, contentType, extraQuery, true, slowBody, skip,
                    twoFactorCode, personalToken);
        }

        /** The headers announce 20 bytes of body and one comes: the server's deadline must answer. */
        Replay slow() {
            return new Replay(caller, bob, compare, rawBody, contentType, extraQuery, deactivateBob, true, skip,
                    twoFactorCode, personalToken);
        }

        /** Passes the two-factor step: x-2fa-method password and the sha-256 of the caller's password. */
        Replay twoFactor() {
            return twoFactor(RIGHT_CODE);
        }

        /** Sends x-2fa-method password and this x-2fa-code ({@link #RIGHT_CODE}: the caller's). */
        Replay twoFactor(String code) {
            return new Replay(caller, bob, compare, rawBody, contentType, extraQuery, deactivateBob, slowBody, skip,
                    code, personalToken);
        }

        /** Bob makes a personal access token of this name first. */
        Replay withPersonalToken(String name) {
            return new Replay(caller, bob, compare, rawBody, contentType, extraQuery, deactivateBob, slowBody, skip,
                    twoFactorCode, name);
        }
    }

    /** Stands for the sha-256 of the caller's own password in {@link Replay#twoFactor(String)}. */
    static final String RIGHT_CODE = "<the caller's>";

    /** By example name, or by {@code operationId/name} for one operation. */
    static final Map<String, Replay> REPLAYS = new HashMap<>();

    static {
        // what every route answers alike
        REPLAYS.put("unauthenticated", Replay.as(Caller.NONE, false, Compare.EXACT));
        REPLAYS.put("forbidden", Replay.as(Caller.USER, true, Compare.EXACT));
        REPLAYS.put("invalidJson", Replay.as(Caller.ADMIN, false, Compare.EXACT)
                .raw("{\"userId\":", "application/json"));
        REPLAYS.put("notAnObject", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("tooLarge", Replay.as(Caller.ADMIN, false, Compare.EXACT)
                .raw("{\"userId\":\"" + "a".repeat(64 * 1024) + "\"}", "application/json"));
        REPLAYS.put("unsupportedMediaType", Replay.as(Caller.ADMIN, false, Compare.EXACT)
                .raw("userId=rqXMpMkkqLHTm5TBy", "application/x-www-form-urlencoded"));
        REPLAYS.put("nulInQuery", Replay.as(Caller.ADMIN, false, Compare.EXACT).query("q=%00"));
        REPLAYS.put("unknownParameter", Replay.as(Caller.ADMIN, false, Compare.EXACT).query("foo=1"));
        REPLAYS.put("invalidCount", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("notAnInteger", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("invalidDate", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("missingField", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("additionalProperty", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("notAString", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("notABoolean", Replay.as(Caller.ADMIN, true, Compare.EXACT));
        REPLAYS.put("userParamNotProvided", Replay.as(Caller.ADMIN, true, Compare.EXACT));
        REPLAYS.put("invalidUser", Replay.as(Caller.ADMIN, true, Compare.EXACT));
        REPLAYS.put("notAllowed", Replay.as(Caller.USER, true, Compare.EXACT));
        REPLAYS.put("success", Replay.as(Caller.ADMIN, true, Compare.SHAPE));
        REPLAYS.put("bodyTimeout", Replay.skipped("replayed on login (it takes the deadline, 10 s): the same servlet "
                + "filter, BodyDeadline, answers every route that way before the route runs"));
        REPLAYS.put("login/bodyTimeout", Replay.as(Caller.NONE, false, Compare.EXACT).slow());
        REPLAYS.put("tooManyRequests", Replay.skipped("the default test server raises the limit out of the tests' way; "
                + "RateLimitIT checks this body and its headers on the server with a small limit"));
        REPLAYS.put("internalError", Replay.skipped("no request makes a healthy server fail"));
        REPLAYS.put("lastAdmin", Replay.skipped("needs the server's only active admin, whom other ITs may have company "
                + "for (and a success would lock the suite out); UsersAdminIT and RolesIT check this body"));
        REPLAYS.put("assignAdminNotAllowed", Replay.skipped("needs a caller holding create-user or access-permissions "
                + "without assign-admin-role, a permission change other ITs would see; UsersCreateIT and RolesIT "
                + "check this body"));

        REPLAYS.put("info/success", Replay.as(Caller.NONE, false, Compare.SHAPE));

        REPLAYS.put("login/success", Replay.as(Caller.NONE, true, Compare.DEEP_SHAPE));
        REPLAYS.put("login/wrongPassword", Replay.as(Caller.NONE, true, Compare.EXACT));
        REPLAYS.put("login/notActivated", Replay.as(Caller.NONE, true, Compare.EXACT).deactivatingBob());
        REPLAYS.put("login/invalidJson", Replay.as(Caller.NONE, false, Compare.EXACT)
                .raw("{\"user\":", "application/json"));
        REPLAYS.put("login/notAnObject", Replay.as(Caller.NONE, false, Compare.EXACT));
        REPLAYS.put("login/tooLarge", Replay.as(Caller.NONE, false, Compare.EXACT)
                .raw("{\"user\":\"" + "a".repeat(64 * 1024) + "\"}", "application/json"));
        REPLAYS.put("login/unsupportedMediaType", Replay.as(Caller.NONE, false, Compare.EXACT)
                .raw("user=bob&password=bob-password", "application/x-www-form-urlencoded"));

        REPLAYS.put("logout/success", Replay.as(Caller.BOB, true, Compare.EXACT));
        REPLAYS.put("logoutByGet/success", Replay.as(Caller.BOB, true, Compare.EXACT));
        REPLAYS.put("me/success", Replay.as(Caller.BOB, true, Compare.DEEP_SHAPE));

        REPLAYS.put("createToken/notAuthorized", Replay.as(Caller.USER, true, Compare.EXACT));
        REPLAYS.put("createToken/byUsername", Replay.as(Caller.ADMIN, true, Compare.SHAPE));
        for (String name : OpenApiSecretIT.REPLAYS.keySet()) {
            REPLAYS.put("createToken/" + name, Replay.skipped("the secret contract: OpenApiSecretIT replays it on the "
                    + "server started with CREATE_TOKENS_FOR_USERS_SECRET"));
        }

        REPLAYS.put("usersLogout/success", Replay.as(Caller.ADMIN, true, Compare.EXACT));
        REPLAYS.put("usersLogout/invalidUserId", Replay.as(Caller.ADMIN, true, Compare.EXACT));
        REPLAYS.put("auditTokens/success", Replay.as(Caller.ADMIN, true, Compare.DEEP_SHAPE));
        REPLAYS.put("loginBlocksList/success", Replay.skipped("the blocks in force depend on what LoginBlockingIT "
                + "left on this database; LoginBlockingIT checks the list on the blocking server"));
        REPLAYS.put("loginBlocksLift/success", Replay.as(Caller.ADMIN, true, Compare.EXACT));
        for (String name : List.of("blockedForIp", "blockedForUser")) {
            REPLAYS.put("login/" + name, Replay.skipped("needs an address or a name at its limit; LoginBlockingIT checks "
                    + "these bodies on the blocking server, whose limits are small"));
        }

        // personal access tokens: each passes the two-factor step (but the example of its challenge), bob as the caller
        String wrongCode = "0".repeat(64);
        for (String op : List.of("generatePersonalAccessToken", "regeneratePersonalAccessToken",
                "removePersonalAccessToken")) {
            boolean named = !op.startsWith("generate");
            Replay success = Replay.as(Caller.BOB, true, op.startsWith("remove") ? Compare.EXACT : Compare.SHAPE)
                    .twoFactor();
            REPLAYS.put(op + "/success", named ? success.withPersonalToken("ci-bot") : success);
            REPLAYS.put(op + "/totpRequired", Replay.as(Caller.BOB, true, Compare.EXACT));
            REPLAYS.put(op + "/tokenNameRequired", Replay.as(Caller.BOB, true, Compare.EXACT).twoFactor());
            REPLAYS.put(op + "/notAuthorized", Replay.skipped("needs a caller without create-personal-access-tokens, "
                    + "which admin and user hold by default; PersonalTokensIT checks it with a user of role bot only"));
            REPLAYS.put(op + "/invalidJson", Replay.as(Caller.ADMIN, false, Compare.EXACT).twoFactor()
                    .raw("{\"tokenName\":", "application/json"));
            REPLAYS.put(op + "/notAnObject", Replay.as(Caller.ADMIN, false, Compare.EXACT).twoFactor());
            REPLAYS.put(op + "/tooLarge", Replay.as(Caller.ADMIN, false, Compare.EXACT).twoFactor()
                    .raw("{\"tokenName\":\"" + "a".repeat(64 * 1024) + "\"}", "application/json"));
            REPLAYS.put(op + "/unsupportedMediaType", Replay.as(Caller.ADMIN, false, Compare.EXACT).twoFactor()
                    .raw("tokenName=ci-bot", "application/x-www-form-urlencoded"));
            if (named) {
                REPLAYS.put(op + "/tokenDoesNotExist", Replay.as(Caller.BOB, true, Compare.EXACT).twoFactor());
            }
        }
        REPLAYS.put("generatePersonalAccessToken/totpInvalid", Replay.as(Caller.BOB, true, Compare.EXACT)
                .twoFactor(wrongCode));
        REPLAYS.put("generatePersonalAccessToken/tokenExists", Replay.as(Caller.BOB, true, Compare.EXACT).twoFactor()
                .withPersonalToken("ci-bot"));
        REPLAYS.put("generatePersonalAccessToken/tokenNameNotAString", Replay.as(Caller.BOB, true, Compare.EXACT)
                .twoFactor());
        REPLAYS.put("generatePersonalAccessToken/bypassNotABoolean", Replay.as(Caller.BOB, true, Compare.EXACT)
                .twoFactor());
        REPLAYS.put("getPersonalAccessTokens/success", Replay.as(Caller.BOB, true, Compare.DEEP_SHAPE)
                .withPersonalToken("ci-bot"));
        REPLAYS.put("getPersonalAccessTokens/forbidden", Replay.skipped("needs a caller without "
                + "create-personal-access-tokens, which admin and user hold by default; PersonalTokensIT checks it "
                + "with a user of role bot only"));
        REPLAYS.put("importStart/success", Replay.skipped("starts a job on an export folder on the server; ImportIT "
                + "writes exports under the import directory, starts real imports and checks this answer"));
        REPLAYS.put("importStart/invalidExport", Replay.skipped("needs an empty folder under the server's import "
                + "directory; ImportIT makes one and checks this body"));
        REPLAYS.put("importStart/notConfigured", Replay.skipped("needs a server without TOKENMINT_IMPORT_DIR, and the "
                + "default server has one; ImportsTest checks this refusal"));
        REPLAYS.put("importStart/invalidFolder", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("importStatus/success", Replay.skipped("needs the id of a job that ran; ImportIT follows every "
                + "import through this route"));
        REPLAYS.put("importStatus/notFound", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("importStatus/invalidJobId", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("importRestart/success", Replay.skipped("needs a failed import job; ImportIT makes one fail "
                + "half-way, restarts it through this route and checks the answer"));
        REPLAYS.put("importRestart/notRestartable", Replay.skipped("needs the id of a completed import job; ImportIT "
                + "checks this body"));
        REPLAYS.put("importRestart/notFound", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("exportStart/success", Replay.skipped("writes a folder under the export directory, which both "
                + "servers' runs share; ExportIT starts real exports and checks this answer"));
        REPLAYS.put("exportStart/invalidFolder", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("exportStart/folderNotEmpty", Replay.skipped("needs a folder with a file under the export "
                + "directory; ExportIT makes one and checks this body"));
        REPLAYS.put("exportStart/underWay", Replay.skipped("needs an export's .partial folder; ExportIT makes one and "
                + "checks this body"));
        REPLAYS.put("exportStart/notConfigured", Replay.skipped("needs a server without TOKENMINT_EXPORT_DIR, and the "
                + "default server has one; ExportsTest checks this refusal"));
        REPLAYS.put("exportStatus/success", Replay.skipped("needs the id of a job that ran; ExportIT follows every "
                + "export through this route"));
        REPLAYS.put("exportStatus/notFound", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("exportStatus/invalidJobId", Replay.as(Caller.ADMIN, false, Compare.EXACT));

        REPLAYS.put("usersCreate/success", Replay.as(Caller.ADMIN, false, Compare.SHAPE));
        for (String name : List.of("usernameTaken", "emailTaken")) {
            REPLAYS.put("usersCreate/" + name, Replay.as(Caller.ADMIN, true, Compare.EXACT));
        }
        for (String name : List.of("invalidRole", "fieldRequired", "invalidUsername", "blockedUsername", "invalidEmail",
                "tooLong")) {
            REPLAYS.put("usersCreate/" + name, Replay.as(Caller.ADMIN, false, Compare.EXACT));
        }

        REPLAYS.put("usersInfo/success", Replay.as(Caller.ADMIN, true, Compare.DEEP_SHAPE));
        REPLAYS.put("usersInfo/publicFields", Replay.as(Caller.USER, true, Compare.EXACT));
        for (String name : List.of("userNotFound", "emptyQuery", "missingParameter", "twoParameters")) {
            REPLAYS.put("usersInfo/" + name, Replay.as(Caller.ADMIN, true, Compare.EXACT));
        }

        REPLAYS.put("usersSetActiveStatus/success", Replay.as(Caller.ADMIN, true, Compare.EXACT));
        REPLAYS.put("usersSetActiveStatus/userNotFound", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("usersDelete/success", Replay.as(Caller.ADMIN, true, Compare.EXACT));

        REPLAYS.put("permissionsUpdate/invalidPermission", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("permissionsUpdate/invalidRole", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("permissionsUpdate/duplicateRoles", Replay.as(Caller.ADMIN, false, Compare.EXACT));

        REPLAYS.put("rolesCreate/duplicateName", Replay.as(Caller.ADMIN, false, Compare.EXACT));
        REPLAYS.put("rolesCreate/invalidProperties", Replay.as(Caller.ADMIN, false, Compare.EXACT));

        REPLAYS.put("rolesAddUserToRole/success", Replay.as(Caller.ADMIN, true, Compare.EXACT));
        for (String name : List.of("roleNotFound", "alreadyInRole")) {
            REPLAYS.put("rolesAddUserToRole/" + name, Replay.as(Caller.ADMIN, true, Compare.EXACT));
        }
        REPLAYS.put("rolesRemoveUserFromRole/success", Replay.as(Caller.ADMIN, true, Compare.EXACT));
        for (String name : List.of("invalidRoleId", "notInRole")) {
            REPLAYS.put("rolesRemoveUserFromRole/" + name, Replay.as(Caller.ADMIN, true, Compare.EXACT));
        }
    }

    /** The cast of the examples. */
    static final String BOB_ID = "rqXMpMkkqLHTm5TBy";
    static final String ADMIN_ID = "Joe7j7B8TrWBLLcJF";
    /** The secret of the examples, and the one the test server with the secret contract is started with. */
    static final String SECRET = "the-configured-secret";
    static final String TEST_SECRET = "test-secret-1";
    static final Pattern BOB = Pattern.compile("\\bbob\\b");

    /** The document as written (META-INF/openapi.yaml in the WAR), as JSON. */
    static final JsonObject FILE = OpenApiDocument.toJson(OpenApiDocumentTest.DOC).asJsonObject();

    Session user;
    String userPassword;

    // --- the served document

    private Reply fetch() {
        return api.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("/openapi"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET());
    }

    private JsonObject document() {
        Reply reply = fetch();
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void theServedDocumentIsTokenmintsAndNamesEveryRoute() {
        Reply reply = fetch();
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
        JsonObject doc = reply.json();
        assertEquals("tokenmint", doc.getJsonObject("info").getString("title"));
        assertTrue(doc.getString("openapi").startsWith("3."), doc.getString("openapi"));
        JsonObject paths = doc.getJsonObject("paths");
        List<String> missing = new ArrayList<>();
        for (OpenApiDocumentTest.Route route : OpenApiDocumentTest.routes()) {
            if (!paths.containsKey(route.path()) || !paths.getJsonObject(route.path()).containsKey(route.httpMethod())) {
                missing.add(route.toString());
            }
        }
        assertEquals(List.of(), missing, "routes the served document does not name");
        // the schemes and the requirement as written: both headers, in one requirement
        JsonObject schemes = doc.getJsonObject("components").getJsonObject("securitySchemes");
        assertEquals("X-User-Id", schemes.getJsonObject("userId").getString("name"));
        assertEquals("X-Auth-Token", schemes.getJsonObject("authToken").getString("name"));
        JsonObject createToken = paths.getJsonObject("/api/v1/users.createToken").getJsonObject("post");
        assertEquals(Set.of("userId", "authToken"), createToken.getJsonArray("security").getJsonObject(0).keySet());
        // nothing scanned: the served paths are the file's, no more
        assertEquals(new TreeSet<>(OpenApiDocumentTest.routes().stream().map(OpenApiDocumentTest.Route::path).toList()),
                new TreeSet<>(paths.keySet()));
    }

    /**
     * The served document is the file: every value the file holds is served, and a server that serves it itself adds
     * only its frame at the top (Payara: servers and an endpoints map). Payara drops every empty object, array and
     * string (also inside example values: {@code "settings":{}}, {@code "remove":[]}, {@code "userId":""},
     * {@code security: []}), so both sides are compared without them (on WildFly the WAR serves the file as it is).
     * The examples are therefore replayed from the file.
     */
    @Test
    void theServedDocumentIsTheFile() {
        assertHoldsTheFile(document());
    }

    /** {@code served} holds every value of the file, empty ones aside, and adds keys only at the top. */
    static void assertHoldsTheFile(JsonValue served) {
        List<String> differences = new ArrayList<>();
        contained("$", withoutEmpty(FILE), withoutEmpty(served), differences);
        assertEquals(List.of(), differences);
    }

    /** The YAML form ({@code ?format=YAML}, which both servers understand) is the same document. */
    @Test
    void theYamlFormIsTheSameDocument() {
        Reply reply = api.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve("/openapi?format=YAML"))
                .timeout(Duration.ofSeconds(30)).GET());
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("application/yaml"), reply.header("Content-Type"));
        Object yaml = OpenApiDocument.parse(reply.body().getBytes(StandardCharsets.UTF_8));
        assertHoldsTheFile(OpenApiDocument.toJson(yaml));
    }

    /**
     * Without {@code format}, the Accept header chooses, where the WAR serves the document itself (WildFly, the server
     * with a management port of its own): YAML for a client that sends no Accept, any type or YAML, JSON for one that
     * asks for JSON. Payara's own endpoint answers JSON by default and 406 to {@code application/yaml} (README).
     */
    @Test
    void theAcceptHeaderChoosesTheForm() {
        assumeTrue(System.getProperty("tokenmint.management.default") != null, "the WAR serves /openapi on WildFly");
        for (String accept : new String[] {null, "*/*", "application/yaml", "text/html, */*;q=0.8"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve("/openapi"))
                    .timeout(Duration.ofSeconds(30)).GET();
            if (accept != null) {
                request.header("Accept", accept);
            }
            Reply reply = api.send(request);
            assertEquals(200, reply.status(), reply.body());
            assertEquals("application/yaml;charset=UTF-8", reply.header("Content-Type"), "Accept: " + accept);
            assertEquals("Accept", reply.header("Vary"));
            assertEquals(OpenApiDocumentTest.DOC, OpenApiDocument.parse(reply.body().getBytes(StandardCharsets.UTF_8)));
        }
        Reply json = fetch();
        assertEquals("application/json;charset=UTF-8", json.header("Content-Type"));
        assertEquals(FILE, json.json());
    }

    /** Where {@code file} is not in {@code served}: a missing key, another value, another array; extra keys only at the top. */
    static void contained(String at, JsonValue file, JsonValue served, List<String> differences) {
        if (file instanceof JsonObject f && served instanceof JsonObject s) {
            for (String key : f.keySet()) {
                if (!s.containsKey(key)) {
                    differences.add(at + "." + key + ": not served");
                } else {
                    contained(at + "." + key, f.get(key), s.get(key), differences);
                }
            }
            if (!at.equals("$") && !s.keySet().equals(f.keySet())) {
                Set<String> extra = new TreeSet<>(s.keySet());
                extra.removeAll(f.keySet());
                if (!extra.isEmpty()) {
                    differences.add(at + ": served also " + extra);
                }
            }
        } else if (file instanceof JsonArray f && served instanceof JsonArray s && f.size() == s.size()) {
            for (int i = 0; i < f.size(); i++) {
                contained(at + "[" + i + "]", f.get(i), s.get(i), differences);
            }
        } else if (!sameScalar(file, served)) {
            differences.add(at + ": served " + served + ", written " + file);
        }
    }

    static boolean sameScalar(JsonValue a, JsonValue b) {
        if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
            return x.bigDecimalValue().compareTo(y.bigDecimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** The value without empty objects, arrays and strings (recursively), as Payara serves example values. */
    static JsonValue withoutEmpty(JsonValue value) {
        if (value instanceof JsonObject o) {
            JsonObjectBuilder copy = Json.createObjectBuilder();
            o.forEach((key, item) -> {
                JsonValue kept = withoutEmpty(item);
                if (!isEmpty(kept)) {
                    copy.add(key, kept);
                }
            });
            return copy.build();
        }
        if (value instanceof JsonArray a) {
            JsonArrayBuilder copy = Json.createArrayBuilder();
            a.forEach(item -> {
                JsonValue kept = withoutEmpty(item);
                if (!isEmpty(kept)) {
                    copy.add(kept);
                }
            });
            return copy.build();
        }
        return value;
    }

    static boolean isEmpty(JsonValue value) {
        return value instanceof JsonObject o && o.isEmpty() || value instanceof JsonArray a && a.isEmpty()
                || value instanceof JsonString s && s.getString().isEmpty();
    }

    @Test
    void everyExampleIsWhatTheServerAnswers() {
        JsonObject doc = FILE;
        String userName = Api.unique("oa-user");
        user = api.newUser(userName);
        userPassword = "pw-" + userName;
        List<String> failures = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        int replayed = 0;
        for (Map.Entry<String, JsonValue> path : doc.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> entry : path.getValue().asJsonObject().entrySet()) {
                if (!OpenApiDocumentTest.HTTP_METHODS.contains(entry.getKey())) {
                    continue;
                }
                JsonObject op = entry.getValue().asJsonObject();
                String opId = op.getString("operationId");
                for (Map.Entry<String, JsonValue> response : op.getJsonObject("responses").entrySet()) {
                    int status = Integer.parseInt(response.getKey());
                    JsonObject examples = examples(doc, resolve(doc, response.getValue()).asJsonObject());
                    for (String name : examples.keySet()) {
                        String where = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + status
                                + " " + name;
                        String key = REPLAYS.containsKey(opId + "/" + name) ? opId + "/" + name : name;
                        Replay replay = REPLAYS.get(key);
                        used.add(key);
                        if (replay == null) {
                            failures.add(where + ": no replay for this example in OpenApiIT.REPLAYS");
                            continue;
                        }
                        if (replay.skip() != null) {
                            skipped.add(where);
                            continue;
                        }
                        JsonValue expected = resolve(doc, examples.get(name)).asJsonObject().get("value");
                        String failure = replay(doc, entry.getKey(), path.getKey(), op, name, status, expected, replay);
                        if (failure != null) {
                            failures.add(where + ": " + failure);
                        }
                        replayed++;
                    }
                }
            }
        }
        Set<String> stale = new TreeSet<>(REPLAYS.keySet());
        stale.removeAll(used);
        assertEquals(Set.of(), stale, "replays for examples the document no longer has");
        assertEquals(List.of(), failures, replayed + " replayed, " + skipped.size() + " skipped");
        assertTrue(replayed >= 100, "replayed only " + replayed);
    }

    /** One example: the request sent, the answer compared; null when it matches. */
    String replay(JsonObject doc, String method, String path, JsonObject op, String name, int status,
            JsonValue expected, Replay replay) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> cast = new HashMap<>();
        cast.put(ADMIN_ID, admin.userId());
        cast.put(SECRET, TEST_SECRET);
        Session bob = null;
        UnaryOperator<String> names = text -> BOB.matcher(text).replaceAll(Matcher.quoteReplacement("bob-" + suffix));
        if (replay.bob()) {
            String username = names.apply("bob");
            Reply created = api.post("api/v1/users.create", admin, Json.createObjectBuilder().add("name", "Bob")
                    .add("email", names.apply("bob@example.com")).add("password", names.apply("bob-password"))
                    .add("username", username).add("verified", true).build().toString());
            assertEquals(200, created.status(), created.body());
            bob = api.login(username, names.apply("bob-password"));
            cast.put(BOB_ID, bob.userId());
            if (replay.personalToken() != null) {
                Reply made = api.send(twoFactor(api.request("api/v1/users.generatePersonalAccessToken", bob)
                        .header("Content-Type", "application/json"), names.apply("bob-password"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"tokenName\":\"" + replay.personalToken() + "\"}")));
                assertEquals(200, made.status(), made.body());
            }
            if (replay.deactivateBob()) {
                Reply deactivated = api.post("api/v1/users.setActiveStatus", admin,
                        "{\"userId\":\"" + bob.userId() + "\",\"activeStatus\":false}");
                assertEquals(200, deactivated.status(), deactivated.body());
            }
        }
        UnaryOperator<String> substitute = text -> {
            String result = cast.getOrDefault(text, text);
            for (Map.Entry<String, String> id : cast.entrySet()) {
                result = result.replace(id.getKey(), id.getValue());
            }
            return names.apply(result);
        };

        StringBuilder query = new StringBuilder();
        JsonArray parameters = op.getJsonArray("parameters");
        if (parameters != null) {
            for (JsonValue p : parameters) {
                JsonObject parameter = resolve(doc, p).asJsonObject();
                JsonObject examples = parameter.getJsonObject("examples");
                if ("query".equals(parameter.getString("in")) && examples != null && examples.containsKey(name)) {
                    JsonValue value = resolve(doc, examples.get(name)).asJsonObject().get("value");
                    String text = value instanceof JsonString s ? s.getString() : value.toString();
                    query.append(query.length() == 0 ? "?" : "&").append(parameter.getString("name")).append('=')
                            .append(URLEncoder.encode(substitute.apply(text), StandardCharsets.UTF_8));
                }
            }
        }
        if (replay.extraQuery() != null) {
            query.append(query.length() == 0 ? "?" : "&").append(replay.extraQuery());
        }

        String body = null;
        String contentType = null;
        if (replay.rawBody() != null) {
            body = replay.rawBody();
            contentType = replay.contentType();
        } else if (op.containsKey("requestBody")) {
            JsonObject requestExamples = resolve(doc, op.get("requestBody")).asJsonObject().getJsonObject("content")
                    .getJsonObject("application/json").getJsonObject("examples");
            if (requestExamples != null && requestExamples.containsKey(name)) {
                body = transform(resolve(doc, requestExamples.get(name)).asJsonObject().get("value"), substitute)
                        .toString();
                contentType = "application/json";
            }
        }

        Session caller = switch (replay.caller()) {
            case NONE -> null;
            case ADMIN -> admin;
            case BOB -> bob;
            case USER -> user;
        };
        HttpRequest.Builder request = api.request(path.substring(1) + query, caller);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (replay.twoFactorCode() != null) {
            String password = switch (replay.caller()) {
                case ADMIN -> Api.ADMIN_PASSWORD;
                case BOB -> names.apply("bob-password");
                case USER -> userPassword;
                case NONE -> "";
            };
            request.header("x-2fa-method", "password").header("x-2fa-code",
                    replay.twoFactorCode().equals(RIGHT_CODE) ? Api.sha256Hex(password) : replay.twoFactorCode());
        }
        request.method(method.toUpperCase(Locale.ROOT), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        Reply reply = replay.slowBody() ? slowBody(path) : api.send(request);

        String wanted = transform(expected, substitute).toString();
        if (reply.status() != status) {
            return "status " + reply.status() + ", documented " + status + "; body " + reply.body();
        }
        if (replay.compare() == Compare.EXACT) {
            return reply.body().equals(wanted) ? null : "answered " + reply.body() + "\n    documented " + wanted;
        }
        JsonValue actual;
        try {
            actual = Json.createReader(new StringReader(reply.body())).readValue();
        } catch (RuntimeException notJson) {
            return "not JSON: " + reply.body();
        }
        String mismatch = shape("$", Json.createReader(new StringReader(wanted)).readValue(), actual,
                replay.compare() == Compare.DEEP_SHAPE);
        return mismatch == null ? null : mismatch + "\n    answered " + reply.body() + "\n    documented " + wanted;
    }

    /** The two-factor headers of the password fallback for this password. */
    static HttpRequest.Builder twoFactor(HttpRequest.Builder request, String password) {
        return request.header("x-2fa-method", "password").header("x-2fa-code", Api.sha256Hex(password));
    }

    /**
     * Sends the headers of a 20-byte body, then its bytes one a second (a client trickling it, so that no idle timeout
     * of the server's cuts in first), and reads the answer the body's deadline gives.
     */
    private Reply slowBody(String path) {
        URI uri = URI.create(base.toString());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 19; i++) {
                        out.write(i == 0 ? '{' : ' ');
                        out.flush();
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException answeredOrClosed) {
                    // the server answered and closed: nothing more to send
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            trickle.interrupt();
            if (answer.length() < 12) {
                return new Reply(0, "no answer: \"" + answer + "\"", null);
            }
            int status = Integer.parseInt(answer.substring(9, 12));
            return new Reply(status, answer.substring(answer.indexOf("\r\n\r\n") + 4), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@code actual} departs from {@code expected} in keys, their order, types or fixed values; null if nowhere. */
    static String shape(String at, JsonValue expected, JsonValue actual, boolean deep) {
        if (type(expected) != type(actual)) {
            return at + ": " + type(actual) + ", documented " + type(expected);
        }
        if (expected instanceof JsonObject e) {
            JsonObject a = actual.asJsonObject();
            if (!new ArrayList<>(e.keySet()).equals(new ArrayList<>(a.keySet()))) {
                return at + ": keys " + a.keySet() + ", documented " + e.keySet();
            }
            for (String key : e.keySet()) {
                if (VARYING.contains(key) && !(e.get(key) instanceof JsonObject) && !(e.get(key) instanceof JsonArray)) {
                    if (type(e.get(key)) != type(a.get(key))) {
                        return at + "." + key + ": " + type(a.get(key)) + ", documented " + type(e.get(key));
                    }
                    continue;
                }
                String inner = shape(at + "." + key, e.get(key), a.get(key), deep);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        if (expected instanceof JsonArray e) {
            JsonArray a = actual.asJsonArray();
            boolean objects = !e.isEmpty() && e.get(0) instanceof JsonObject;
            if (objects) {
                return deep && !a.isEmpty() ? shape(at + "[0]", e.get(0), a.get(0), true) : null;
            }
            return e.equals(a) ? null : at + ": " + a + ", documented " + e;
        }
        return expected.equals(actual) ? null : at + ": " + actual + ", documented " + expected;
    }

    static JsonValue.ValueType type(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.FALSE ? JsonValue.ValueType.TRUE : value.getValueType();
    }

    /** The value with every string put through {@code f} (key order kept). */
    static JsonValue transform(JsonValue value, UnaryOperator<String> f) {
        if (value instanceof JsonString s) {
            return Json.createValue(f.apply(s.getString()));
        }
        if (value instanceof JsonObject o) {
            JsonObjectBuilder copy = Json.createObjectBuilder();
            o.forEach((key, item) -> copy.add(key, transform(item, f)));
            return copy.build();
        }
        if (value instanceof JsonArray a) {
            JsonArrayBuilder copy = Json.createArrayBuilder();
            a.forEach(item -> copy.add(transform(item, f)));
            return copy.build();
        }
        return value;
    }

    /** A response's examples, or none. */
    static JsonObject examples(JsonObject doc, JsonObject response) {
        JsonObject content = response.getJsonObject("content");
        if (content == null || !content.containsKey("application/json")) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        JsonObject examples = content.getJsonObject("application/json").getJsonObject("examples");
        return examples == null ? JsonValue.EMPTY_JSON_OBJECT : examples;
    }

    /** Follows a {@code $ref} within the served document. */
    static JsonValue resolve(JsonObject doc, JsonValue node) {
        if (node instanceof JsonObject o && o.containsKey("$ref")) {
            JsonValue target = doc;
            for (String part : o.getString("$ref").substring(2).split("/")) {
                target = target.asJsonObject().get(part.replace("~1", "/").replace("~0", "~"));
            }
            return target;
        }
        return node;
    }
}
