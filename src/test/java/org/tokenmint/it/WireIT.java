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

    /** One body reader for every route: the exact envelope of each refusal, whichever server. */
    @Test
    void everyRefusedBodyHasItsExactEnvelope() {
        String before = Db.snapshot();
        Object[][] cases = {
            {"text/plain", "{}", 415, "Content-Type must be application/json"},
            {"text/json", "{}", 415, "Content-Type must be application/json"},
            {"application/merge-patch+json", "{}", 415, "Content-Type must be application/json"},
            {"application/json", "{", 400, "The request body must be valid JSON"},
            {"application/json", "[]", 400, "must be object"},
            {"application/json", "{\"a\":\"\\u0000\"}", 400, "must NOT contain NUL characters"},
            {"application/json", "{\"a\":\"" + "x".repeat(70_000) + "\"}", 413,
                "The request body must NOT be larger than 65536 bytes"},
        };
        for (String route : new String[] {"api/v1/users.createToken", "api/v1/users.create", "api/v1/login"}) {
            for (Object[] c : cases) {
                Reply reply = api.send("POST", route, route.endsWith("login") ? null : admin, (String) c[0],
                        ((String) c[1]).getBytes(StandardCharsets.UTF_8));
                String context = route + " " + c[0] + " " + c[2];
                assertEnvelope(reply, (Integer) c[2], context);
                assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"" + c[3] + "\"}",
                        reply.body(), context);
            }
            Reply notUtf8 = api.send("POST", route, route.endsWith("login") ? null : admin, "application/json",
                    new byte[] {'{', '"', 'u', '"', ':', '"', (byte) 0xff, '"', '}'});
            assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"The request body must be "
                    + "UTF-8\"}", notUtf8.body(), route);
        }
        assertEquals(before, Db.snapshot());
    }

    /** No body, or a blank one, is an empty object whatever the Content-Type, or none at all: the route answers. */
    @Test
    void anEmptyBodyIsAnEmptyObjectEvenWithoutContentType() {
        for (String route : new String[] {"api/v1/users.createToken", "api/v1/users.create", "api/v1/login",
            "api/v1/roles.create", "api/v1/permissions.update"}) {
            Api.Session session = route.endsWith("login") ? null : admin;
            Reply empty = api.post(route, session, "{}");
            assertEquals(route.endsWith("login") ? 401 : 400, empty.status(), route + " -> " + empty.body());
            for (String type : new String[] {null, "text/plain", "application/json",
                "Application/JSON; charset=UTF-8"}) {
                for (byte[] body : new byte[][] {null, {}, " \r\n\t".getBytes(StandardCharsets.US_ASCII)}) {
                    Reply reply = api.send("POST", route, session, type, body);
                    String context = route + " " + type + " " + (body == null ? "no body" : body.length + " bytes");
                    assertEquals(empty.status(), reply.status(), context + " -> " + reply.body());
                    assertEquals(empty.body(), reply.body(), context);
                }
            }
            Reply json = api.send("POST", route, session, "Application/JSON; charset=UTF-8",
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(empty.body(), json.body(), route + " with charset");
        }
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
