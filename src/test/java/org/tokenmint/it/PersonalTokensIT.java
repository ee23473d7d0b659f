package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/**
 * Personal access tokens (spec section 9) and their two-factor step, on four servers of one database: {@code default}
 * (expiry 90 days, purge every second), {@code blocking} (a second node, and 3 failures block a name), {@code gateoff}
 * (the default cap of 50) and {@code limits} (5 calls per route and address). Each test makes its own users, and each
 * user's two-factor step is passed, at the earliest, where the test says so (a passed step is remembered for the
 * token, address and user agent).
 *
 * <p>The waits on notifications (a row changed in SQL) and on the purge are bounded only so that a broken server fails
 * the test instead of hanging it ({@link Waits#eventually}); no assertion depends on how fast the machine is.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PersonalTokensIT {

    static final String GENERATE = "api/v1/users.generatePersonalAccessToken";
    static final String REGENERATE = "api/v1/users.regeneratePersonalAccessToken";
    static final String REMOVE = "api/v1/users.removePersonalAccessToken";
    static final String LIST = "api/v1/users.getPersonalAccessTokens";

    static final String DETAILS_2FA = "\"details\":{\"method\":\"password\",\"codeGenerated\":false,"
            + "\"availableMethods\":[]}}";
    static final String TOTP_REQUIRED = "{\"success\":false,\"error\":\"TOTP Required [totp-required]\","
            + "\"errorType\":\"totp-required\"," + DETAILS_2FA;
    static final String TOTP_INVALID = "{\"success\":false,\"error\":\"TOTP Invalid [totp-invalid]\","
            + "\"errorType\":\"totp-invalid\"," + DETAILS_2FA;
    static final String NAME_REQUIRED = "{\"success\":false,\"error\":\"The 'tokenName' param is required\"}";
    static final String FORBIDDEN = "{\"success\":false,\"error\":\"User does not have the permissions required for "
            + "this action [error-unauthorized]\"}";

    static String notAuthorized(String method) {
        return "{\"success\":false,\"error\":\"Not Authorized [not-authorized]\",\"errorType\":\"not-authorized\","
                + "\"details\":{\"method\":\"personalAccessTokens:" + method + "\"}}";
    }

    static String doesNotExist(String method) {
        return "{\"success\":false,\"error\":\"Token does not exist [error-token-does-not-exists]\","
                + "\"errorType\":\"error-token-does-not-exists\",\"details\":{\"method\":\"personalAccessTokens:"
                + method + "\"}}";
    }

    static final String EXISTS = "{\"success\":false,\"error\":\"A token with this name already exists "
            + "[error-token-already-exists]\",\"errorType\":\"error-token-already-exists\","
            + "\"details\":{\"method\":\"personalAccessTokens:generateToken\"}}";

    @Deployment(name = "default", testable = false)
    @TargetsContainer("default")
    static WebArchive defaultServer() {
        return Deployments.builtWar();
    }

    @Deployment(name = "blocking", testable = false)
    @TargetsContainer("blocking")
    static WebArchive blockingServer() {
        return Deployments.builtWar();
    }

    @Deployment(name = "gateoff", testable = false)
    @TargetsContainer("gateoff")
    static WebArchive gateOffServer() {
        return Deployments.builtWar();
    }

    @Deployment(name = "limits", testable = false)
    @TargetsContainer("limits")
    static WebArchive limitsServer() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    @OperateOnDeployment("default")
    URL defaultUrl;

    @ArquillianResource
    @OperateOnDeployment("blocking")
    URL blockingUrl;

    @ArquillianResource
    @OperateOnDeployment("gateoff")
    URL gateOffUrl;

    @ArquillianResource
    @OperateOnDeployment("limits")
    URL limitsUrl;

    Api api;

    /** The admin's session per server, logged in once for the class: a login is a bcrypt on a busy machine. */
    private static final Map<String, Session> ADMINS = new ConcurrentHashMap<>();

    @BeforeEach
    void connect() {
        defaultUrl = Api.loopback(defaultUrl);
        blockingUrl = Api.loopback(blockingUrl);
        gateOffUrl = Api.loopback(gateOffUrl);
        limitsUrl = Api.loopback(limitsUrl);
        api = client(defaultUrl);
    }

    /** A client of that server, with its admin's session of this class. */
    static Api client(URL server) {
        Api api = new Api(server);
        api.useAdmin(ADMINS.computeIfAbsent(server.toString(), key -> new Api(server).admin()));
        return api;
    }

    /** A user (password {@code pw-<name>}) of these roles, created by the admin and logged in. */
    record Person(Session session, String name) {
        String code() {
            return Api.sha256Hex("pw-" + name);
        }
    }

    static Person person(Api api, String prefix, String... roles) {
        String name = Api.unique(prefix);
        return new Person(api.newUser(name, roles), name);
    }

    /** POST with a JSON body and, when {@code code} is not null, the password fallback's headers. */
    static Reply post(Api api, String path, Session session, String body, String code) {
        HttpRequest.Builder request = api.request(path, session).header("Content-Type", "application/json");
        if (code != null) {
            request.header("x-2fa-method", "password").header("x-2fa-code", code);
        }
        return api.send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String named(String name) {
        return Json.createObjectBuilder().add("tokenName", name).build().toString();
    }

    /** Generates a token and answers it, checking the success body. */
    static String generate(Api api, Person person, String name, boolean bypass) {
        Reply made = post(api, GENERATE, person.session(), Json.createObjectBuilder().add("tokenName", name)
                .add("bypassTwoFactor", bypass).build().toString(), person.code());
        assertEquals(200, made.status(), made.body());
        String token = made.json().getString("token");
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertEquals("{\"token\":\"" + token + "\",\"success\":true}", made.body());
        return token;
    }

    static Session as(Person person, String token) {
        return new Session(person.session().userId(), token);
    }

    static int me(Api api, Session session) {
        return api.get("api/v1/me", session).status();
    }

    // --- the routes, their bodies and their order

    @Test
    void generateListRegenerateRemove() {
        Person ann = person(api, "pat-ann");
        Reply challenged = post(api, GENERATE, ann.session(), named("ci-bot"), null);
        assertEquals(400, challenged.status());
        assertEquals(TOTP_REQUIRED, challenged.body());
        Reply plain = post(api, GENERATE, ann.session(), named("ci-bot"), "pw-" + ann.name());
        assertEquals(TOTP_INVALID, plain.body(), "the plain password is not the code");
        assertEquals(TOTP_INVALID, post(api, GENERATE, ann.session(), named("ci-bot"), "0".repeat(64)).body());
        assertEquals("{\"tokens\":[],\"success\":true}", api.get(LIST, ann.session()).body());

        String token = generate(api, ann, "ci-bot", false);
        Session pat = as(ann, token);
        assertEquals(200, me(api, pat), "the token authenticates like a login token");
        JsonObject listed = api.get(LIST, ann.session()).json();
        JsonObject first = listed.getJsonArray("tokens").getJsonObject(0);
        assertEquals(List.of("name", "createdAt", "lastTokenPart", "bypassTwoFactor"), List.copyOf(first.keySet()));
        assertEquals("ci-bot", first.getString("name"));
        assertTrue(first.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals(token.substring(37), first.getString("lastTokenPart"));
        assertFalse(first.getBoolean("bypassTwoFactor"));
        assertFalse(api.get(LIST, ann.session()).body().contains(token), "never the token");

        assertEquals(EXISTS, post(api, GENERATE, ann.session(), named("ci-bot"), ann.code()).body());
        assertEquals(200, post(api, GENERATE, ann.session(), named("CI-BOT"), ann.code()).status(),
                "names are case-sensitive");
        assertEquals(200, post(api, GENERATE, ann.session(), named(" ci-bot "), ann.code()).status(),
                "names are not trimmed");

        Reply regenerated = post(api, REGENERATE, ann.session(), named("ci-bot"), ann.code());
        assertEquals(200, regenerated.status(), regenerated.body());
        String next = regenerated.json().getString("token");
        assertEquals("{\"token\":\"" + next + "\",\"success\":true}", regenerated.body());
        assertNotEquals(token, next);
        assertEquals(401, me(api, pat), "the old token stops working");
        assertEquals(200, me(api, as(ann, next)));
        var names = api.get(LIST, ann.session()).json().getJsonArray("tokens").stream()
                .map(t -> t.asJsonObject().getString("name")).toList();
        assertEquals(List.of("CI-BOT", " ci-bot ", "ci-bot"), names, "creation order: the regenerated one is newest");

        Reply removed = post(api, REMOVE, ann.session(), named("ci-bot"), ann.code());
        assertEquals("{\"success\":true}", removed.body());
        assertEquals(401, me(api, as(ann, next)));
        assertEquals(doesNotExist("removeToken"), post(api, REMOVE, ann.session(), named("ci-bot"), ann.code()).body());
        assertEquals(doesNotExist("regenerateToken"),
                post(api, REGENERATE, ann.session(), named("ci-bot"), ann.code()).body());
    }

    @Test
    void authenticationThenTwoFactorThenTokenNameThenPermissionThenExistence() {
        for (String path : List.of(GENERATE, REGENERATE, REMOVE)) {
            Reply anonymous = post(api, path, null, "{}", null);
            assertEquals(401, anonymous.status());
            assertEquals(Api.UNAUTHORIZED, anonymous.body());
        }
        assertEquals(Api.UNAUTHORIZED, api.get(LIST, null).body());

        // a bot (role bot only) lacks create-personal-access-tokens, but has a password: the step still comes first
        Person bot = person(api, "pat-bot", "bot");
        for (String path : List.of(GENERATE, REGENERATE, REMOVE)) {
            assertEquals(TOTP_REQUIRED, post(api, path, bot.session(), "{\"tokenName\":5,\"x\":[1]}", null).body(),
                    "the two-factor step before the body: " + path);
        }
        Reply forbidden = api.get(LIST, bot.session());
        assertEquals(403, forbidden.status());
        assertEquals(FORBIDDEN, forbidden.body());
        for (String path : List.of(GENERATE, REGENERATE, REMOVE)) {
            assertEquals(NAME_REQUIRED, post(api, path, bot.session(), "{}", bot.code()).body(),
                    "tokenName before the permission: " + path);
        }
        assertEquals(notAuthorized("generateToken"),
                post(api, GENERATE, bot.session(), named("x"), bot.code()).body());
        assertEquals(notAuthorized("regenerateToken"),
                post(api, REGENERATE, bot.session(), named("nothing-by-that-name"), bot.code()).body(),
                "the permission before the name's existence");
        assertEquals(notAuthorized("removeToken"),
                post(api, REMOVE, bot.session(), named("nothing-by-that-name"), bot.code()).body());

        Person cy = person(api, "pat-cy");
        for (String body : List.of("{}", "{\"tokenName\":null}", "{\"tokenName\":\"\"}", "{\"tokenName\":false}",
                "{\"tokenName\":0}")) {
            Reply reply = post(api, GENERATE, cy.session(), body, cy.code());
            assertEquals(400, reply.status());
            assertEquals(NAME_REQUIRED, reply.body(), body);
        }
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must be string\"}",
                post(api, GENERATE, cy.session(), "{\"tokenName\":7}", cy.code()).body());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must NOT have more than 255 "
                + "characters\"}", post(api, GENERATE, cy.session(), named("n".repeat(256)), cy.code()).body());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must be boolean\"}",
                post(api, GENERATE, cy.session(), "{\"tokenName\":\"b\",\"bypassTwoFactor\":\"yes\"}", cy.code())
                        .body());
        assertEquals(200, post(api, GENERATE, cy.session(), named("n".repeat(255)), cy.code()).status());
        assertEquals(doesNotExist("regenerateToken"),
                post(api, REGENERATE, cy.session(), named("nothing"), cy.code()).body());
    }

    /**
     * On the server with 5 calls per route and address: the rate limit answers before the two-factor step. No login is
     * made there (RateLimitIT counts that server's logins from this address): the admin's session is written into the
     * database, and the user's minted by the admin, whom api-bypass-rate-limit spares.
     */
    @Test
    void theRateLimitComesBeforeTheTwoFactorStep() throws Exception {
        Api limited = new Api(limitsUrl);
        String adminToken = Api.unique("pat-admin-session") + "-".repeat(20);
        String adminId = Db.string("SELECT id FROM users WHERE username = ?", Api.ADMIN_USERNAME);
        Db.update("INSERT INTO login_tokens (hashed_token, user_id, issued_at) VALUES (?, ?, now())",
                TokenCacheIT.hash(adminToken), adminId);
        Session dee = RateLimitIT.session(limited, new Session(adminId, adminToken));
        Reply last = null;
        for (int i = 0; i < 6; i++) {
            last = post(limited, REMOVE, dee, named("x"), null);
            if (last.status() == 429) {
                break;
            }
            assertEquals(TOTP_REQUIRED, last.body(), "call " + (i + 1));
        }
        assertEquals(429, last.status(), last.body());
        assertTrue(last.body().endsWith("[error-too-many-requests]\"}"), last.body());
    }

    // --- the two-factor step

    @Test
    void aPassedStepIsRememberedForThatTokenAddressAndUserAgentOnly() {
        Person eve = person(api, "pat-eve");
        generate(api, eve, "first", false);
        assertEquals(200, post(api, GENERATE, eve.session(), named("second"), null).status(),
                "remembered for the same token, address and user agent");
        Reply otherAgent = api.send(api.request(GENERATE, eve.session()).header("Content-Type", "application/json")
                .header("User-Agent", "another-client/1").POST(HttpRequest.BodyPublishers.ofString(named("third"))));
        assertEquals(TOTP_REQUIRED, otherAgent.body(), "another user agent is asked again");
        Session otherToken = api.login(eve.name(), "pw-" + eve.name());
        assertEquals(TOTP_REQUIRED, post(api, GENERATE, otherToken, named("third"), null).body(),
                "another token of the same user is asked again");
    }

    @Test
    void aTokenMadeWithBypassTwoFactorSkipsTheStep() {
        Person fay = person(api, "pat-fay");
        Session bypassing = as(fay, generate(api, fay, "bypassing", true));
        Session asking = as(fay, generate(api, fay, "asking", false));
        assertEquals(TOTP_REQUIRED, post(api, GENERATE, asking, named("from-asking"), null).body());
        Reply made = post(api, GENERATE, bypassing, named("from-bypassing"), null);
        assertEquals(200, made.status(), made.body());
        assertTrue(api.get(LIST, fay.session()).json().getJsonArray("tokens").getJsonObject(0)
                .getBoolean("bypassTwoFactor"));
        Reply regenerated = post(api, REGENERATE, fay.session(), named("bypassing"), fay.code());
        assertEquals(200, regenerated.status(), regenerated.body());
        Session renewed = as(fay, regenerated.json().getString("token"));
        assertEquals(200, post(api, REMOVE, renewed, named("from-bypassing"), null).status(),
                "the regenerated token keeps bypassTwoFactor");
    }

    /** On the blocking server (3 failures of a name block it): wrong codes are failed logins of the caller's name. */
    @Test
    void wrongCodesCountAsFailedLogins() {
        Api blocking = client(blockingUrl);
        Person gus = person(blocking, "pat-gus");
        for (int i = 0; i < 3; i++) {
            assertEquals(TOTP_INVALID, post(blocking, GENERATE, gus.session(), named("x"), "f".repeat(64)).body());
        }
        Reply login = blocking.post("api/v1/login", null, Json.createObjectBuilder().add("user", gus.name())
                .add("password", "pw-" + gus.name()).build().toString());
        assertEquals(401, login.status());
        assertEquals(LoginBlockingIT.BLOCKED_FOR_USER, login.body());
    }

    // --- lifecycle: expiry, purge, cap, revocation on every node

    @Test
    void aPersonalTokenOutlivesAccountsLoginExpirationAndThePurge() throws Exception {
        Person hal = person(api, "pat-hal");
        Session pat = as(hal, generate(api, hal, "long-lived", false));
        assertEquals(200, me(api, pat));
        assertEquals(200, me(api, hal.session()));
        // 91 days ago, on the database's clock: the login token is past the 90 days of the default server
        assertEquals(2, Db.update("UPDATE login_tokens SET issued_at = now() - interval '91 days' WHERE user_id = ?",
                hal.session().userId()));
        Waits.eventually("the expired login token is refused", () -> me(api, hal.session()) == 401);
        assertEquals(200, me(api, pat), "the personal token never expires");
        // the default server purges every second
        Waits.eventually("the purge deleted the expired login token", () -> Db.count(
                "SELECT count(*) FROM login_tokens WHERE user_id = ? AND NOT personal", hal.session().userId()) == 0);
        assertEquals(1, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ? AND personal",
                hal.session().userId()));
        assertEquals(200, me(api, pat), "and the purge leaves it");
        assertEquals(200, me(new Api(blockingUrl), pat), "on every node");
    }

    /** On the server with the default cap (50): a login beyond it prunes login tokens only. */
    @Test
    void theCapPrunesFiftyLoginTokensAndNoPersonalOne() {
        Api capped = client(gateOffUrl);
        Person ida = person(capped, "pat-ida");
        Session pat = as(ida, generate(capped, ida, "kept", false));
        String userId = ida.session().userId();
        // 60 older login tokens, written as a mint writes them, oldest first
        SecureRandom random = new SecureRandom();
        List<String> older = new ArrayList<>();
        Instant start = Instant.now().minus(Duration.ofDays(1));
        for (int i = 0; i < 60; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            older.add(Base64.getEncoder().encodeToString(hash));
            Db.update("INSERT INTO login_tokens (hashed_token, user_id, issued_at) VALUES (?, ?, ?)",
                    older.get(i), userId, Timestamp.from(start.plusSeconds(i)));
        }
        assertEquals(61, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ? AND NOT personal", userId));
        Session newest = capped.login(ida.name(), "pw-" + ida.name());
        assertEquals(50, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ? AND NOT personal", userId),
                "the cap counts login tokens only");
        assertEquals(1, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ? AND personal", userId));
        assertEquals(200, me(capped, pat), "the personal token survives the prune");
        assertEquals(200, me(capped, newest));
        assertEquals(200, me(capped, ida.session()), "the newest login tokens are kept");
        for (int i = 0; i < older.size(); i++) {
            // 61 login tokens (the 60 and the login that created her), one more: the oldest 12 go
            assertEquals(i < 12 ? 0 : 1, Db.count("SELECT count(*) FROM login_tokens WHERE hashed_token = ?",
                    older.get(i)), "the 12 oldest went, the others stay: " + i);
        }
    }

    /**
     * A personal token cached on two nodes (default and blocking, one database) is refused on the other node as soon as
     * its revocation is answered: removed, logged out with itself, logged out by users.logout, its user deactivated.
     */
    @Test
    void aRevokedPersonalTokenIsRefusedOnTheOtherNodeAtOnce() {
        Api other = client(blockingUrl);
        Person jo = person(api, "pat-jo");
        Session removed = as(jo, generate(api, jo, "removed", false));
        Session loggedOut = as(jo, generate(api, jo, "logged-out", false));
        Session byUsersLogout = as(jo, generate(api, jo, "users-logout", false));
        for (Session pat : List.of(removed, loggedOut, byUsersLogout)) {
            assertEquals(200, me(api, pat));
            assertEquals(200, me(other, pat), "now cached on both nodes");
        }

        assertEquals("{\"success\":true}", post(other, REMOVE, jo.session(), named("removed"), jo.code()).body());
        assertEquals(401, me(api, removed), "removed on the other node");
        assertEquals(200, me(api, loggedOut), "the others stay");

        Reply out = other.post("api/v1/logout", loggedOut, "");
        assertEquals(200, out.status(), out.body());
        assertEquals(401, me(api, loggedOut), "logged out with itself on the other node");
        assertEquals(200, me(api, byUsersLogout));

        Reply all = other.post("api/v1/users.logout", byUsersLogout, "{}");
        assertEquals(200, all.status(), all.body());
        assertEquals(401, me(api, byUsersLogout), "users.logout revokes personal tokens too");

        Person kim = person(api, "pat-kim");
        Session pat = as(kim, generate(api, kim, "deactivated", false));
        assertEquals(200, me(api, pat));
        assertEquals(200, me(other, pat));
        Reply deactivated = other.post("api/v1/users.setActiveStatus", other.admin(),
                "{\"userId\":\"" + kim.session().userId() + "\",\"activeStatus\":false}");
        assertEquals(200, deactivated.status(), deactivated.body());
        assertEquals(401, me(api, pat), "deactivation revokes personal tokens on every node");
        assertEquals(0, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ?", kim.session().userId()));
    }

    @Test
    void theAuditTrailRecordsIssuanceAsPersonalNeverTheToken() {
        Person lou = person(api, "pat-lou");
        String token = generate(api, lou, "audited", false);
        Reply audit = api.get("api/v1/audit.tokens?targetId=" + lou.session().userId() + "&count=1", api.admin());
        assertEquals(200, audit.status(), audit.body());
        JsonObject event = audit.json().getJsonArray("events").getJsonObject(0);
        assertEquals("personal", event.getString("contract"));
        assertEquals(lou.session().userId(), event.getJsonObject("caller").getString("_id"));
        assertTrue(event.getBoolean("live"));
        assertFalse(audit.body().contains(token));
        assertEquals(200, post(api, REMOVE, lou.session(), named("audited"), lou.code()).status());
        JsonObject after = api.get("api/v1/audit.tokens?targetId=" + lou.session().userId() + "&count=1", api.admin())
                .json().getJsonArray("events").getJsonObject(0);
        assertFalse(after.getBoolean("live"), "a removed token is no longer live");
    }
}
