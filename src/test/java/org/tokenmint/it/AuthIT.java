package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/** login in every body form, logout, me, and every way of failing authentication. */
class AuthIT extends OnDefaultServer {

    static final String LOGIN_FAILED = "{\"success\":false,\"error\":\"Unauthorized\",\"status\":\"error\","
            + "\"message\":\"Unauthorized\"}";


    String name;
    Session user;

    @BeforeEach
    void setUp() {
        name = Api.unique("ivy");
        user = api.newUser(name);
    }

    Reply login(String body) {
        return api.post("api/v1/login", null, body);
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyBodyFormLogsIn() throws Exception {
        String password = "pw-" + name;
        String email = name + "@tokenmint.test";
        String digest = "{\"digest\":\"" + sha256(password) + "\",\"algorithm\":\"sha-256\"}";
        for (String body : new String[] {
            "{\"user\":\"" + name + "\",\"password\":\"" + password + "\"}",
            "{\"user\":\"" + email + "\",\"password\":\"" + password + "\"}",
            "{\"username\":\"" + name.toUpperCase() + "\",\"password\":\"" + password + "\"}",
            "{\"email\":\"" + email.toUpperCase() + "\",\"password\":\"" + password + "\"}",
            "{\"user\":{\"username\":\"" + name + "\"},\"password\":\"" + password + "\"}",
            "{\"user\":{\"email\":\"" + email + "\"},\"password\":\"" + password + "\"}",
            "{\"user\":\"" + name + "\",\"password\":" + digest + "}",
        }) {
            Reply reply = login(body);
            assertEquals(200, reply.status(), body + " -> " + reply.body());
            JsonObject json = reply.json();
            assertEquals("success", json.getString("status"));
            assertTrue(json.getBoolean("success"));
            assertEquals(user.userId(), json.getJsonObject("data").getString("userId"));
            assertEquals(name, json.getJsonObject("data").getJsonObject("me").getString("username"));
            assertTrue(reply.body().endsWith(",\"success\":true}"), reply.body());
        }
    }

    @Test
    void resumeReturnsTheSameLiveToken() {
        Reply reply = login("{\"resume\":\"" + user.authToken() + "\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(user.authToken(), reply.json().getJsonObject("data").getString("authToken"));
        assertEquals(LOGIN_FAILED, login("{\"resume\":\"not-a-token\"}").body());
    }

    @Test
    void wrongPasswordUnknownUserAndMissingFieldsAreTheSame401() {
        String before = Db.snapshot();
        for (String body : new String[] {
            "{\"user\":\"" + name + "\",\"password\":\"wrong\"}",
            "{\"user\":\"nobody-" + name + "\",\"password\":\"pw-" + name + "\"}",
            "{\"user\":\"" + name + "\"}",
            "{\"password\":\"pw-" + name + "\"}",
            "{}",
            "{\"user\":7,\"password\":true}",
        }) {
            Reply reply = login(body);
            assertEquals(401, reply.status(), body);
            assertEquals(LOGIN_FAILED, reply.body(), body);
        }
        assertEquals(before, Db.snapshot());
    }

    @Test
    void deactivatedUserWithTheRightPassword() {
        Db.update("UPDATE users SET active = false WHERE id = ?", user.userId());
        Reply reply = login("{\"user\":\"" + name + "\",\"password\":\"pw-" + name + "\"}");
        assertEquals(401, reply.status());
        assertEquals("{\"success\":false,\"error\":\"error-user-is-not-activated\",\"status\":\"error\","
                + "\"details\":{\"function\":\"Accounts.validateLoginAttempt\"},\"message\":\"User is not activated\"}",
                reply.body());
        assertEquals(LOGIN_FAILED, login("{\"user\":\"" + name + "\",\"password\":\"wrong\"}").body());
        assertEquals(Api.UNAUTHORIZED, api.get("api/v1/me", user).body(), "a deactivated user's tokens stop working");
    }

    @Test
    void meShowsTheCallerAndNothingSecret() {
        Reply reply = api.get("api/v1/me", user);
        assertEquals(200, reply.status(), reply.body());
        assertEquals("application/json", reply.header("Content-Type"));
        assertEquals("no-store", reply.header("Cache-Control"));
        assertEquals("no-cache", reply.header("Pragma"));
        JsonObject me = reply.json();
        assertEquals(user.userId(), me.getString("_id"));
        assertEquals(name, me.getString("username"));
        assertEquals("Test " + name, me.getString("name"));
        assertEquals(name + "@tokenmint.test", me.getString("email"));
        assertEquals("[{\"address\":\"" + name + "@tokenmint.test\",\"verified\":true}]", me.getJsonArray("emails").toString());
        assertEquals("offline", me.getString("status"));
        assertTrue(me.getBoolean("active"));
        assertEquals("[\"user\"]", me.getJsonArray("roles").toString());
        assertEquals(0, me.getInt("utcOffset"));
        assertEquals("{\"preferences\":{}}", me.getJsonObject("settings").toString());
        assertTrue(me.getString("avatarUrl").endsWith("/avatar/" + name), me.getString("avatarUrl"));
        assertTrue(reply.body().endsWith(",\"success\":true}"));
        assertFalse(reply.body().contains(user.authToken()));
        assertFalse(reply.body().contains("$2"), "no bcrypt hash");
        assertFalse(me.containsKey("services"));
    }

    @Test
    void logoutRevokesThePresentedTokenOnly() {
        Session second = api.login(name, "pw-" + name);
        assertNotEquals(user.authToken(), second.authToken());
        Reply reply = api.post("api/v1/logout", user, "");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("{\"status\":\"success\",\"data\":{\"message\":\"You've been logged out!\"}}", reply.body());
        assertEquals(401, api.get("api/v1/me", user).status());
        assertEquals(200, api.get("api/v1/me", second).status());
    }

    @Test
    void logoutByGetAlsoWorks() {
        Reply reply = api.get("api/v1/logout", user);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(401, api.get("api/v1/me", user).status());
    }

    @Test
    void everyAuthenticationFailureIsTheSame401() {
        Session other = api.newUser(Api.unique("jack"));
        Session expired = api.login(name, "pw-" + name);
        Db.update("UPDATE login_tokens SET issued_at = now() - interval '91 days' WHERE hashed_token = ?",
                java.util.Base64.getEncoder().encodeToString(sha256Bytes(expired.authToken())));
        Session almostExpired = api.login(name, "pw-" + name);
        Db.update("UPDATE login_tokens SET issued_at = now() - interval '89 days' WHERE hashed_token = ?",
                java.util.Base64.getEncoder().encodeToString(sha256Bytes(almostExpired.authToken())));
        assertEquals(200, api.get("api/v1/me", almostExpired).status(), "89 days old is still live");

        String[][] headerSets = {
            {},
            {"X-User-Id", user.userId()},
            {"X-Auth-Token", user.authToken()},
            {"X-User-Id", user.userId(), "X-Auth-Token", "wrong-token"},
            {"X-User-Id", other.userId(), "X-Auth-Token", user.authToken()},
            {"X-User-Id", user.userId(), "X-Auth-Token", expired.authToken()},
            {"X-User-Id", "x".repeat(5000), "X-Auth-Token", user.authToken()},
            {"X-User-Id", user.userId(), "X-Auth-Token", "t".repeat(5000)},
            {"X-User-Id", "", "X-Auth-Token", ""},
        };
        for (String[] headers : headerSets) {
            var request = api.request("api/v1/me", null).GET();
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            Reply reply = api.send(request);
            assertEquals(401, reply.status(), String.join(",", headers));
            assertEquals(Api.UNAUTHORIZED, reply.body());
            assertEquals("application/json", reply.header("Content-Type"));
        }
        Session revoked = api.login(name, "pw-" + name);
        api.post("api/v1/logout", revoked, "");
        assertEquals(Api.UNAUTHORIZED, api.get("api/v1/me", revoked).body());
    }

    @Test
    void theCapPrunesTheOldestTokens() {
        Session first = user;
        for (int i = 0; i < 5; i++) {
            api.login(name, "pw-" + name);
        }
        assertEquals(5, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ?", user.userId()));
        assertEquals(401, api.get("api/v1/me", first).status(), "the oldest of six was pruned");
    }

    static byte[] sha256Bytes(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Concurrent requests are authenticated together (one statement per group): under parallel load each still
     * gets its own user, a token presented with another user's id is refused, and a token revoked before the
     * requests is refused by every one of them.
     */
    @Test
    void parallelRequestsEachGetTheirOwnAnswer() throws Exception {
        List<Session> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(api.newUser(Api.unique("par")));
        }
        Session revoked = api.login(name, "pw-" + name);
        assertEquals(200, api.post("api/v1/logout", revoked, "").status());
        List<Callable<String>> calls = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < users.size(); i++) {
                Session own = users.get(i);
                Session swapped = new Session(users.get((i + 1) % users.size()).userId(), own.authToken());
                calls.add(() -> "own " + own.userId() + " " + meOf(own));
                calls.add(() -> "swapped " + swapped.userId() + " " + meOf(swapped));
            }
            calls.add(() -> "revoked " + revoked.userId() + " " + meOf(revoked));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (Future<String> answer : pool.invokeAll(calls)) {
                String[] parts = answer.get().split(" ", 3);
                String expected = parts[0].equals("own") ? "200 " + parts[1] : "401 " + Api.UNAUTHORIZED;
                assertEquals(expected, parts[2], String.join(" ", parts[0], parts[1]));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** "200 id" for an answered me, else "status body". */
    String meOf(Session session) {
        Reply reply = api.get("api/v1/me", session);
        return reply.status() == 200 ? "200 " + reply.json().getString("_id") : reply.status() + " " + reply.body();
    }
}
