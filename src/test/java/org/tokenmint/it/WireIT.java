package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;

/** The common wire rules, and bad input of every kind: always a 4xx JSON envelope, nothing written. */
@RunAsClient
class WireIT extends OnDefaultServer {

    /** A Rocket.Chat failure envelope with a 4xx status and Rocket.Chat's headers. */
    static void assertEnvelope(Reply reply, int status, String context) {
        assertEquals(status, reply.status(), context + " -> " + reply.body());
        assertEquals("application/json", reply.header("Content-Type"), context);
        assertEquals("no-store", reply.header("Cache-Control"), context);
        assertEquals("no-cache", reply.header("Pragma"), context);
        assertTrue(reply.body().startsWith("{\"success\":false,"), context + " -> " + reply.body());
        assertTrue(reply.json().containsKey("error"), context);
        assertFalse(reply.body().contains("Exception"), context + " -> " + reply.body());
        assertFalse(reply.body().contains("<html"), context + " -> " + reply.body());
    }

    @Test
    void infoNeedsNoAuthentication() {
        Reply reply = api.get("api/info", null);
        assertEquals(200, reply.status());
        assertTrue(reply.body().matches("\\{\"version\":\"\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\",\"success\":true}"), reply.body());
        assertEquals("application/json", reply.header("Content-Type"));
        assertEquals("no-store", reply.header("Cache-Control"));
        assertEquals("no-cache", reply.header("Pragma"));
    }

    @Test
    void unknownRoutesAndMethods() {
        assertEnvelope(api.get("api/v1/users.nothing", admin), 404, "unknown v1 route");
        assertEnvelope(api.get("api/v1/users.nothing", null), 404, "unknown route, no auth");
        assertEnvelope(api.get("nothing/here", null), 404, "outside the api");
        assertEnvelope(api.get("api/v1/users.createToken", admin), 405, "GET on a POST route");
        assertEnvelope(api.send("PUT", "api/v1/login", null, "application/json", "{}".getBytes()), 405, "PUT login");
        assertEnvelope(api.send("DELETE", "api/v1/me", admin, null, null), 405, "DELETE me");
        assertEnvelope(api.send("FOO", "api/info", null, null, null), 405, "an unknown HTTP method");
        assertEnvelope(api.send("PATCH", "api/v1/users.createToken", admin, "application/json", "{}".getBytes()), 405,
                "PATCH");
        assertEnvelope(api.get("", null), 404, "the root");
        assertEnvelope(api.get("_error", null), 404, "the error page itself");
    }

    /** PostgreSQL cannot store or compare U+0000: a query holding one is refused before any route reads it. */
    @Test
    void aNulInTheQueryIsInvalidParams() {
        String before = Db.snapshot();
        for (String path : new String[] {"api/v1/users.info?username=admin%00", "api/v1/users.info?userId=%00",
                "api/v1/audit.tokens?callerId=%00", "api/v1/users.list?count=1%00", "api/v1/me?x%00=1",
                "api/v1/permissions.listAll?updatedSince=2020-01-01%00"}) {
            Reply reply = api.get(path, admin);
            assertEnvelope(reply, 400, path);
            assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must NOT contain NUL "
                    + "characters\"}", reply.body(), path);
        }
        assertEquals(Api.UNAUTHORIZED, api.get("api/v1/users.info?username=admin%00", null).body());
        assertEquals(before, Db.snapshot());
    }

    @Test
    void anyAcceptHeaderGetsJson() {
        for (String accept : new String[] {"text/plain", "text/html", "application/xml", "garbage;;;", "*/*"}) {
            Reply reply = api.send(api.request("api/v1/me", admin).header("Accept", accept).GET());
            assertEquals(200, reply.status(), accept + " -> " + reply.body());
            assertEquals("application/json", reply.header("Content-Type"), accept);
        }
    }

    @Test
    void malformedContentTypeIsAnEnvelope() {
        assertEnvelope(api.send("POST", "api/v1/users.createToken", admin, ";;garbage", "{}".getBytes()), 415,
                "malformed content type");
    }

    @Test
    void badBodiesAreRefusedWithoutWriting() {
        String before = Db.snapshot();
        String[][] cases = {
            {"{\"userId\":", "400"},
            {"{\"userId\":\"a\"}}", "400"},
            {"[\"userId\"]", "400"},
            {"null", "400"},
            {"\"text\"", "400"},
            {"{\"userId\":[\"" + admin.userId() + "\"]}", "400"},
            {"{\"userId\":{\"$ne\":null}}", "400"},
            {"{\"userId\":true}", "400"},
            {"{\"username\":12}", "400"},
            {"{\"userId\":\"" + admin.userId() + "\\u0000\"}", "400"},
            {"{\"username\":\"adm\\u0000in\"}", "400"},
            {"{\"username\":\"" + "a".repeat(60_000) + "\"}", "400"},
            {"{\"userId\":\"" + "A".repeat(10_000) + "\"}", "400"},
            {"{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", "400"},
            {"{\"a\":\"" + "x".repeat(70_000) + "\"}", "413"},
        };
        for (String[] c : cases) {
            Reply reply = api.post("api/v1/users.createToken", admin, c[0]);
            String shown = c[0].length() > 60 ? c[0].substring(0, 60) + "..." : c[0];
            assertEnvelope(reply, Integer.parseInt(c[1]), shown);
        }
        assertEquals(before, Db.snapshot());
    }

    @Test
    void wrongContentTypesAreRefused() {
        String before = Db.snapshot();
        byte[] body = ("{\"userId\":\"" + admin.userId() + "\"}").getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
            assertEnvelope(api.send("POST", "api/v1/users.createToken", admin, type, body), 415, type);
            assertEnvelope(api.send("POST", "api/v1/users.create", admin, type, body), 415, type);
            assertEnvelope(api.send("POST", "api/v1/login", null, type, body), 415, type);
        }
        assertEnvelope(api.send("POST", "api/v1/users.createToken", admin, "application/json",
                new byte[] {'{', '"', 'u', '"', ':', '"', (byte) 0xff, '"', '}'}), 400, "invalid UTF-8");
        assertEquals(before, Db.snapshot());
    }

    @Test
    void badInputOnEveryPostRoute() {
        String before = Db.snapshot();
        for (String route : new String[] {"api/v1/users.create", "api/v1/permissions.update", "api/v1/login"}) {
            for (String body : new String[] {"{", "[]", "null", "{\"a\":\"\\u0000\"}"}) {
                Reply reply = api.post(route, route.endsWith("login") ? null : admin, body);
                assertEnvelope(reply, 400, route + " " + body);
            }
        }
        Reply longValues = api.post("api/v1/users.create", admin, "{\"email\":\"" + "e".repeat(300) + "@x.io\","
                + "\"name\":\"n\",\"password\":\"p\",\"username\":\"" + Api.unique("w") + "\"}");
        assertEnvelope(longValues, 400, "long email");
        Reply longLogin = api.post("api/v1/login", null, "{\"user\":\"" + "u".repeat(50_000) + "\",\"password\":\"p\"}");
        assertEquals(401, longLogin.status());
        assertEquals(before, Db.snapshot());
    }
}
