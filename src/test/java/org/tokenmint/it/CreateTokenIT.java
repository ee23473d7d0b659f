package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/** users.createToken, documented contract (the server runs with CREATE_TOKENS_FOR_USERS=true). */
@RunAsClient
class CreateTokenIT extends OnDefaultServer {

    static final String NOT_AUTHORIZED = "{\"success\":false,\"error\":\"Not authorized [error-not-authorized]\","
            + "\"errorType\":\"error-not-authorized\",\"details\":{\"method\":\"createToken\"}}";

    Reply createToken(Session caller, String body) {
        return api.post("api/v1/users.createToken", caller, body);
    }

    @Test
    void adminMintsByUserIdAndTheTokenActsAsTheTarget() throws Exception {
        String name = Api.unique("bob");
        Session bob = api.newUser(name);
        Reply reply = createToken(admin, "{\"userId\":\"" + bob.userId() + "\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("application/json", reply.header("Content-Type"));
        JsonObject data = reply.json().getJsonObject("data");
        String token = data.getString("authToken");
        assertEquals("{\"data\":{\"userId\":\"" + bob.userId() + "\",\"authToken\":\"" + token + "\"},\"success\":true}",
                reply.body());
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);

        Reply me = api.get("api/v1/me", new Session(bob.userId(), token));
        assertEquals(200, me.status(), me.body());
        assertEquals(name, me.json().getString("username"));

        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, Db.count("SELECT count(*) FROM login_tokens WHERE hashed_token = ? AND user_id = ?", hash,
                bob.userId()));
        assertEquals(0, Db.count("SELECT count(*) FROM login_tokens WHERE hashed_token = ?", token));
        assertEquals(1, Db.count("SELECT count(*) FROM token_audit a JOIN login_tokens t ON t.id = a.token_id "
                + "WHERE t.hashed_token = ? AND a.caller_id = ? AND a.target_id = ? AND a.contract = 'DOCUMENTED' "
                + "AND a.client_address IS NOT NULL AND a.minted_at > now() - interval '1 minute'",
                hash, admin.userId(), bob.userId()));
    }

    @Test
    void byUsernameCaseInsensitiveAndByUser() {
        String name = Api.unique("carol");
        Session carol = api.newUser(name);
        Reply byUsername = createToken(admin, "{\"username\":\"" + name.toUpperCase() + "\"}");
        assertEquals(200, byUsername.status(), byUsername.body());
        assertEquals(carol.userId(), byUsername.json().getJsonObject("data").getString("userId"));
        Reply byUser = createToken(admin, "{\"user\":\"" + name + "\",\"ignored\":{\"x\":[1]}}");
        assertEquals(200, byUser.status(), byUser.body());
        assertEquals(carol.userId(), byUser.json().getJsonObject("data").getString("userId"));
    }

    @Test
    void userIdWinsOverUsername() {
        Session dave = api.newUser(Api.unique("dave"));
        Reply reply = createToken(admin, "{\"userId\":\"" + dave.userId() + "\",\"username\":\"admin\"}");
        assertEquals(dave.userId(), reply.json().getJsonObject("data").getString("userId"));
    }

    @Test
    void missingAndUnknownTargets() {
        String before = Db.snapshot();
        Reply none = createToken(admin, "{\"userId\":\"  \",\"username\":\"\"}");
        assertEquals(400, none.status());
        assertEquals("{\"success\":false,\"error\":\"The required \\\"userId\\\" or \\\"username\\\" param was not "
                + "provided [error-user-param-not-provided]\",\"errorType\":\"error-user-param-not-provided\"}", none.body());
        Reply unknown = createToken(admin, "{\"userId\":\"BsNr28znDkG8aeo7W\"}");
        assertEquals(400, unknown.status());
        assertEquals("{\"success\":false,\"error\":\"The required \\\"userId\\\" or \\\"username\\\" param provided "
                + "does not match any users [error-invalid-user]\",\"errorType\":\"error-invalid-user\"}", unknown.body());
        assertEquals(400, createToken(admin, "{\"username\":\"no-such-user-anywhere\"}").status());
        assertEquals(before, Db.snapshot());
    }

    @Test
    void selfMintingNeedsNoPermission() {
        Session erin = api.newUser(Api.unique("erin"));
        Reply reply = createToken(erin, "{\"userId\":\"" + erin.userId() + "\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(erin.userId(), reply.json().getJsonObject("data").getString("userId"));
    }

    @Test
    void mintingForOthersWithoutThePermissionIsNotAuthorized() {
        Session frank = api.newUser(Api.unique("frank"));
        String before = Db.snapshot();
        Reply reply = createToken(frank, "{\"userId\":\"" + admin.userId() + "\"}");
        assertEquals(400, reply.status());
        assertEquals(NOT_AUTHORIZED, reply.body());
        assertEquals(before, Db.snapshot());
    }

    /** tokenmint departs from Rocket.Chat: a caller who may not mint for others cannot tell who exists. */
    @Test
    void aCallerWithoutThePermissionCannotTellWhichUsersExist() {
        Session gus = api.newUser(Api.unique("gus"));
        for (String body : new String[] {"{\"userId\":\"BsNr28znDkG8aeo7W\"}", "{\"userId\":\"" + admin.userId() + "\"}",
                "{\"username\":\"no-such-user-anywhere\"}", "{\"username\":\"admin\"}", "{\"user\":\"ADMIN\"}"}) {
            Reply reply = createToken(gus, body);
            assertEquals(400, reply.status(), body);
            assertEquals(NOT_AUTHORIZED, reply.body(), body);
        }
    }

    @Test
    void selfIsRecognisedByUsernameInAnyCaseWithoutThePermission() {
        String name = Api.unique("Hanna");
        Session hanna = api.newUser(name);
        Reply reply = createToken(hanna, "{\"username\":\"" + name.toUpperCase(java.util.Locale.ROOT) + "\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(hanna.userId(), reply.json().getJsonObject("data").getString("userId"));
    }

    @Test
    void grantingThePermissionToARoleThroughPermissionsUpdate() {
        Session bot = api.newUser(Api.unique("botty"), "bot");
        Session target = api.newUser(Api.unique("grace"));
        String body = "{\"userId\":\"" + target.userId() + "\"}";
        assertEquals(400, createToken(bot, body).status());
        try {
            Reply granted = api.post("api/v1/permissions.update", admin,
                    "{\"permissions\":[{\"_id\":\"user-generate-access-token\",\"roles\":[\"admin\",\"bot\"]}]}");
            assertEquals(200, granted.status(), granted.body());
            Reply minted = createToken(bot, body);
            assertEquals(200, minted.status(), minted.body());
            assertEquals(target.userId(), minted.json().getJsonObject("data").getString("userId"));
        } finally {
            assertEquals(200, api.post("api/v1/permissions.update", admin,
                    "{\"permissions\":[{\"_id\":\"user-generate-access-token\",\"roles\":[\"admin\"]}]}").status());
        }
        assertEquals(400, createToken(bot, body).status());
    }

    @Test
    void unauthenticatedCallsAre401BeforeAnythingElse() {
        Reply reply = api.post("api/v1/users.createToken", null, "not json at all");
        assertEquals(401, reply.status());
        assertEquals(Api.UNAUTHORIZED, reply.body());
    }

    @Test
    void mintedTokensCountTowardsTheTargetsCap() {
        Session henry = api.newUser(Api.unique("henry"));
        for (int i = 0; i < 7; i++) {
            assertEquals(200, createToken(admin, "{\"userId\":\"" + henry.userId() + "\"}").status());
        }
        assertEquals(5, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ?", henry.userId()));
        assertEquals(401, api.get("api/v1/me", henry).status(), "the oldest token (from login) was pruned");
        assertNotEquals(0, Db.count("SELECT count(*) FROM token_audit WHERE target_id = ?", henry.userId()));
    }
}
