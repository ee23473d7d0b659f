package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/** users.createToken, secret contract: the server runs with CREATE_TOKENS_FOR_USERS_SECRET=test-secret-1. */
class SecretContractIT extends ServerIT {

    static final String SECRET = "test-secret-1";
    static final String NOT_AUTHORIZED = "{\"success\":false,\"error\":\"Not authorized [error-not-authorized]\","
            + "\"errorType\":\"error-not-authorized\"}";

    @Deployment(testable = false)
    @TargetsContainer("secret")
    static WebArchive war() {
        return Deployments.builtWar();
    }

    Reply createToken(Session caller, String body) {
        return api.post("api/v1/users.createToken", caller, body);
    }

    static String invalid(String message) {
        return "{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"" + message + "\"}";
    }

    @Test
    void adminMintsForAnotherUserWithTheSecret() {
        Session kim = api.newUser(Api.unique("kim"));
        Reply reply = createToken(admin, "{\"userId\":\"" + kim.userId() + "\",\"secret\":\"" + SECRET + "\"}");
        assertEquals(200, reply.status(), reply.body());
        String token = reply.json().getJsonObject("data").getString("authToken");
        assertEquals("{\"data\":{\"userId\":\"" + kim.userId() + "\",\"authToken\":\"" + token + "\"},\"success\":true}",
                reply.body());
        assertEquals(200, api.get("api/v1/me", new Session(kim.userId(), token)).status());
        assertEquals(1, Db.count("SELECT count(*) FROM token_audit WHERE target_id = ? AND contract = 'SECRET'",
                kim.userId()));
    }

    @Test
    void theBodyIsExactlyUserIdAndSecret() {
        String before = Db.snapshot();
        assertEquals(invalid("must have required property 'userId'"), createToken(admin, "{\"username\":\"admin\"}").body());
        assertEquals(invalid("must have required property 'secret'"),
                createToken(admin, "{\"userId\":\"" + admin.userId() + "\"}").body());
        Reply extra = createToken(admin, "{\"userId\":\"" + admin.userId() + "\",\"secret\":\"" + SECRET
                + "\",\"username\":\"admin\"}");
        assertEquals(400, extra.status());
        assertEquals(invalid("must NOT have additional properties"), extra.body());
        assertEquals(invalid("must NOT have fewer than 1 characters"),
                createToken(admin, "{\"userId\":\"\",\"secret\":\"" + SECRET + "\"}").body());
        assertEquals(invalid("must be string"), createToken(admin, "{\"userId\":5,\"secret\":\"" + SECRET + "\"}").body());
        assertEquals(before, Db.snapshot());
    }

    /**
     * tokenmint departs from Rocket.Chat: a blank id, then the secret, then the permission, and only then the lookup,
     * so a wrong secret or a caller without the permission never learns whether an id exists.
     */
    @Test
    void theSecretAndThePermissionComeBeforeTheLookup() {
        assertEquals("error-user-param-not-provided",
                createToken(admin, "{\"userId\":\"   \",\"secret\":\"wrong\"}").json().getString("errorType"));
        assertEquals(NOT_AUTHORIZED, createToken(admin, "{\"userId\":\"BsNr28znDkG8aeo7W\",\"secret\":\"wrong\"}").body());
        assertEquals(NOT_AUTHORIZED, createToken(admin, "{\"userId\":\"" + admin.userId() + "\",\"secret\":\"wrong\"}")
                .body());
        Session leo = api.newUser(Api.unique("leo"));
        assertEquals(NOT_AUTHORIZED, createToken(leo, "{\"userId\":\"BsNr28znDkG8aeo7W\",\"secret\":\"" + SECRET + "\"}")
                .body());
        assertEquals(NOT_AUTHORIZED, createToken(leo, "{\"userId\":\"" + admin.userId() + "\",\"secret\":\"" + SECRET
                + "\"}").body());
        assertEquals("error-invalid-user",
                createToken(admin, "{\"userId\":\"BsNr28znDkG8aeo7W\",\"secret\":\"" + SECRET + "\"}").json()
                        .getString("errorType"));
    }

    @Test
    void wrongSecretIsNotAuthorizedWithoutDetails() {
        String before = Db.snapshot();
        for (String secret : new String[] {"wrong", "TEST-SECRET-1", "test-secret-1 ", " test-secret-1"}) {
            Reply reply = createToken(admin, "{\"userId\":\"" + admin.userId() + "\",\"secret\":\"" + secret + "\"}");
            assertEquals(400, reply.status());
            assertEquals(NOT_AUTHORIZED, reply.body());
        }
        assertEquals(before, Db.snapshot());
    }

    @Test
    void othersNeedThePermissionEvenWithTheSecretButSelfDoesNot() {
        Session lea = api.newUser(Api.unique("lea"));
        Reply forAdmin = createToken(lea, "{\"userId\":\"" + admin.userId() + "\",\"secret\":\"" + SECRET + "\"}");
        assertEquals(400, forAdmin.status());
        assertEquals(NOT_AUTHORIZED, forAdmin.body());
        Reply self = createToken(lea, "{\"userId\":\"" + lea.userId() + "\",\"secret\":\"" + SECRET + "\"}");
        assertEquals(200, self.status(), self.body());
    }

    @Test
    void authenticationComesFirst() {
        assertEquals(Api.UNAUTHORIZED, createToken(null, "{\"username\":\"x\"}").body());
    }
}
