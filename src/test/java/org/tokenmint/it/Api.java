package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A Rocket.Chat client of the deployed WAR: plain HTTP, as any client calls it. */
public final class Api {

    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-pass";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private Session admin;

    public Api(URL base) {
        this.base = URI.create(base.toString());
    }

    /**
     * The same server on 127.0.0.1. The test servers run on this machine and listen there; Payara Micro's adapter
     * injects URLs naming the machine's own address (WildFly's name 127.0.0.1). Every test server allow-lists 127.0.0.1
     * for failed-login blocking by address: the suite's wrong passwords and two-factor codes, counted on the shared
     * database, must not block the address of the admin's next login a few classes later.
     */
    public static URL loopback(URL server) {
        try {
            return new URL(server.getProtocol(), "127.0.0.1", server.getPort(), server.getFile());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(server.toString(), e);
        }
    }

    /** A session: the credentials of one logged-in user. */
    public record Session(String userId, String authToken) {
    }

    /** One answer. */
    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public Reply get(String path, Session session) {
        return send(request(path, session).GET());
    }

    public Reply post(String path, Session session, String json) {
        return send(request(path, session).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply send(String method, String path, Session session, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path, session);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends without waiting for the answer (requests that the server holds back). */
    public CompletableFuture<Reply> sendAsync(HttpRequest.Builder builder) {
        return HTTP.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> new Reply(response.statusCode(), response.body(), response));
    }

    public HttpRequest.Builder request(String path, Session session) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (session != null) {
            builder.header("X-User-Id", session.userId()).header("X-Auth-Token", session.authToken());
        }
        return builder;
    }

    public Session login(String user, String password) {
        Reply reply = post("api/v1/login", null, Json.createObjectBuilder().add("user", user)
                .add("password", password).build().toString());
        assertEquals(200, reply.status(), reply.body());
        JsonObject data = reply.json().getJsonObject("data");
        return new Session(data.getString("userId"), data.getString("authToken"));
    }

    /** Uses this admin session from now on (one logged in earlier). */
    public void useAdmin(Session session) {
        admin = session;
    }

    /** The admin, logged in once per client: a test's users are created with one admin session. */
    public Session admin() {
        if (admin == null) {
            admin = login(ADMIN_USERNAME, ADMIN_PASSWORD);
        }
        return admin;
    }

    /** Creates a user through users.create as the admin and logs them in. */
    public Session newUser(String username, String... roles) {
        var rolesJson = Json.createArrayBuilder();
        for (String role : roles) {
            rolesJson.add(role);
        }
        var body = Json.createObjectBuilder().add("username", username).add("name", "Test " + username)
                .add("email", username + "@tokenmint.test").add("password", "pw-" + username).add("verified", true);
        if (roles.length > 0) {
            body.add("roles", rolesJson);
        }
        Reply created = post("api/v1/users.create", admin(), body.build().toString());
        assertEquals(200, created.status(), created.body());
        return login(username, "pw-" + username);
    }

    /** The lowercase hex sha-256 of the UTF-8 text: a password as the two-factor step's password fallback wants it. */
    public static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A username no other test uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static final String UNAUTHORIZED = "{\"success\":false,\"error\":\"You must be logged in to do this.\","
            + "\"status\":\"error\",\"message\":\"You must be logged in to do this.\"}";
}
