package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/**
 * The limiter end to end, on the server that runs with 5 calls per 10 minutes per address and route (a window no
 * busy machine outlasts: the test never depends on how fast it runs). Its window logic
 * (resets, keys, settings) is unit-tested with the limiter's clock (RateLimiterTest); here one walk through a fresh
 * window shows the wire: the headers, Rocket.Chat's 429, the bypass permission, and that failed authentication is
 * answered before it is counted. One test method, so that nothing else counts calls from this address meanwhile.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RateLimitIT {

    static final long WINDOW_MILLIS = 600_000;
    static final String TOO_MANY = "\\{\"success\":false,\"error\":\"Error, too many requests\\. Please slow down\\. You must "
            + "wait [1-9][0-9]* seconds before trying this endpoint again\\. \\[error-too-many-requests]\"}";
    static final String ADMIN_LOGIN = "{\"user\":\"admin\",\"password\":\"admin-test-pass\"}";

    @Deployment(testable = false)
    @TargetsContainer("limits")
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aWindowOfCallsEndToEnd() {
        Api api = new Api(Api.loopback(base));
        long before = System.currentTimeMillis();
        Reply first = api.post("api/v1/login", null, ADMIN_LOGIN);
        assertEquals(200, first.status(), first.body());
        assertEquals("5", first.header("X-RateLimit-Limit"));
        assertEquals("4", first.header("X-RateLimit-Remaining"));
        long reset = Long.parseLong(first.header("X-RateLimit-Reset"));
        assertTrue(reset >= before + WINDOW_MILLIS && reset <= System.currentTimeMillis() + WINDOW_MILLIS, "epoch ms");
        JsonObject data = first.json().getJsonObject("data");
        Session admin = new Session(data.getString("userId"), data.getString("authToken"));

        for (int i = 0; i < 8; i++) {
            assertEquals(401, api.get("api/v1/me", new Session("BsNr28znDkG8aeo7W", "nope")).status());
        }
        Session user = session(api, admin);
        for (int i = 1; i <= 5; i++) {
            Reply me = api.get("api/v1/me", user);
            assertEquals(200, me.status(), "failed authentications were not counted: call " + i);
            assertEquals(String.valueOf(5 - i), me.header("X-RateLimit-Remaining"));
        }
        Reply limited = api.get("api/v1/me", user);
        assertEquals(429, limited.status());
        assertTrue(limited.body().matches(TOO_MANY), limited.body());
        assertEquals("application/json", limited.header("Content-Type"));
        assertEquals("0", limited.header("X-RateLimit-Remaining"));
        assertNotNull(limited.header("X-RateLimit-Reset"));
        assertEquals(200, api.get("api/v1/roles.list", user).status(), "another route has its own count");

        for (int i = 0; i < 8; i++) {
            Reply asAdmin = api.get("api/v1/me", admin);
            assertEquals(200, asAdmin.status(), "api-bypass-rate-limit");
            assertNull(asAdmin.header("X-RateLimit-Limit"));
        }

        for (int call = 2; call <= 5; call++) {
            assertEquals(200, api.post("api/v1/login", null, ADMIN_LOGIN).status(), "login " + call);
        }
        Reply refused = api.post("api/v1/login", null, ADMIN_LOGIN);
        assertEquals(429, refused.status());
        assertTrue(refused.body().matches(TOO_MANY), refused.body());
        assertEquals("0", refused.header("X-RateLimit-Remaining"));
    }

    /** A user's session minted by the admin, which costs no login call. */
    static Session session(Api api, Session admin) {
        String name = Api.unique("rl");
        String id = api.post("api/v1/users.create", admin, "{\"username\":\"" + name + "\",\"name\":\"n\",\"email\":\""
                + name + "@tokenmint.test\",\"password\":\"pw\"}").json().getJsonObject("user").getString("_id");
        return new Session(id, api.post("api/v1/users.createToken", admin, "{\"userId\":\"" + id + "\"}").json()
                .getJsonObject("data").getString("authToken"));
    }
}
