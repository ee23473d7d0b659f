package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
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

/** The server runs with 5 calls per 4 seconds per address and route. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RateLimitIT {

    static final long WINDOW_MILLIS = 4000;
    static final String TOO_MANY = "\\{\"success\":false,\"error\":\"Error, too many requests\\. Please slow down\\. You must "
            + "wait [1-4] seconds before trying this endpoint again\\. \\[error-too-many-requests]\"}";

    @Deployment(testable = false)
    @TargetsContainer("limits")
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    URL base;

    Api api;

    @BeforeEach
    void freshWindow() throws InterruptedException {
        api = new Api(base);
        Thread.sleep(WINDOW_MILLIS + 200);
    }

    /** A user's session minted by the admin, which costs no login call. */
    Session session(Session admin, String... roles) {
        String name = Api.unique("rl");
        var body = new StringBuilder("{\"username\":\"" + name + "\",\"name\":\"n\",\"email\":\"" + name
                + "@tokenmint.test\",\"password\":\"pw\"");
        if (roles.length > 0) {
            body.append(",\"roles\":[\"").append(String.join("\",\"", roles)).append("\"]");
        }
        String id = api.post("api/v1/users.create", admin, body.append("}").toString()).json()
                .getJsonObject("user").getString("_id");
        return new Session(id, api.post("api/v1/users.createToken", admin, "{\"userId\":\"" + id + "\"}").json()
                .getJsonObject("data").getString("authToken"));
    }

    @Test
    void loginIsLimitedPerAddressWithHeadersAndRocketChats429() {
        long before = System.currentTimeMillis();
        for (int i = 1; i <= 5; i++) {
            Reply reply = api.post("api/v1/login", null, "{\"user\":\"admin\",\"password\":\"admin-test-pass\"}");
            assertEquals(200, reply.status(), reply.body());
            assertEquals("5", reply.header("X-RateLimit-Limit"));
            assertEquals(String.valueOf(5 - i), reply.header("X-RateLimit-Remaining"));
            long reset = Long.parseLong(reply.header("X-RateLimit-Reset"));
            assertTrue(reset >= before + WINDOW_MILLIS && reset <= System.currentTimeMillis() + WINDOW_MILLIS, "epoch ms");
        }
        Reply limited = api.post("api/v1/login", null, "{\"user\":\"admin\",\"password\":\"admin-test-pass\"}");
        assertEquals(429, limited.status());
        assertTrue(limited.body().matches(TOO_MANY), limited.body());
        assertEquals("application/json", limited.header("Content-Type"));
        assertEquals("0", limited.header("X-RateLimit-Remaining"));
        assertNotNull(limited.header("X-RateLimit-Reset"));
    }

    @Test
    void authenticatedRoutesAreLimitedPerRouteAndTheWindowResets() throws InterruptedException {
        Session admin = api.admin();
        Session user = session(admin);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, api.get("api/v1/me", user).status());
        }
        Reply limited = api.get("api/v1/me", user);
        assertEquals(429, limited.status());
        assertTrue(limited.body().matches(TOO_MANY), limited.body());
        assertEquals(200, api.get("api/v1/roles.list", user).status(), "another route has its own count");
        Thread.sleep(WINDOW_MILLIS + 200);
        assertEquals(200, api.get("api/v1/me", user).status(), "a new window");
    }

    @Test
    void holdersOfApiBypassRateLimitAreNeverLimited() {
        Session admin = api.admin();
        Session bot = session(admin, "bot");
        for (int i = 0; i < 12; i++) {
            Reply asAdmin = api.get("api/v1/me", admin);
            assertEquals(200, asAdmin.status());
            assertNull(asAdmin.header("X-RateLimit-Limit"));
            assertEquals(200, api.get("api/v1/me", bot).status());
        }
    }

    @Test
    void authenticationFailuresComeFirstAndAreNotCounted() {
        for (int i = 0; i < 8; i++) {
            assertEquals(401, api.get("api/v1/me", new Session("BsNr28znDkG8aeo7W", "nope")).status());
        }
        Session user = session(api.admin());
        assertEquals(200, api.get("api/v1/me", user).status());
    }
}
