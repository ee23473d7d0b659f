package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Health as a load balancer sees it: liveness names the WAR's version, readiness is UP while the
 * database answers, DOWN while it refuses every connection (without hanging), and UP again once it accepts them.
 * WildFly serves {@code /health/*} on its management port, Payara Micro on the HTTP port.
 */
class HealthIT extends OnDefaultServer {

    /** How long the node may take to notice a change; a deadline for waiting, not a bound on speed. */
    private static final Duration NOTICE = Duration.ofSeconds(60);

    private URI health(String which) {
        String management = System.getProperty("tokenmint.management.default");
        URI root = management != null ? URI.create("http://127.0.0.1:" + management + "/") : URI.create(base.toString());
        return root.resolve("health/" + which);
    }

    private Api.Reply probe(String which) {
        return api.send(HttpRequest.newBuilder(health(which)).timeout(Duration.ofSeconds(30)).GET());
    }

    /** The WAR's own check in a health answer. */
    private static JsonObject tokenmintCheck(Api.Reply reply) {
        return reply.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> "tokenmint".equals(check.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no tokenmint check in " + reply.body()));
    }

    private Api.Reply readinessUntil(Predicate<Api.Reply> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + NOTICE.toNanos();
        Api.Reply reply = probe("ready");
        while (!wanted.test(reply) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            reply = probe("ready");
        }
        return reply;
    }

    @Test
    void livenessNamesTheDeployedVersion() {
        Api.Reply live = probe("live");
        assertEquals(200, live.status(), live.body());
        assertEquals("UP", live.json().getString("status"));
        JsonObject check = tokenmintCheck(live);
        assertEquals("UP", check.getString("status"));
        String version = api.get("/api/info", null).json().getString("version");
        assertEquals(version, check.getJsonObject("data").getString("version"));
    }

    @Test
    void readinessFollowsTheDatabase() throws Exception {
        Api.Reply ready = readinessUntil(reply -> reply.status() == 200);
        assertEquals(200, ready.status(), ready.body());
        JsonObject check = tokenmintCheck(ready);
        assertEquals("UP", check.getString("status"));
        assertEquals("done", check.getJsonObject("data").getString("startup"));
        assertTrue(check.getJsonObject("data").getString("database").startsWith("answered in "), ready.body());

        String url = System.getProperty("tokenmint.db.url");
        String database = url.substring(url.lastIndexOf('/') + 1);
        // ALLOW_CONNECTIONS can only be changed from another database's session
        try (Connection other = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
                System.getProperty("tokenmint.db.user"), System.getProperty("tokenmint.db.password"));
                Statement sql = other.createStatement()) {
            try {
                sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
                Api.Reply down = readinessUntil(reply -> reply.status() == 503);
                assertEquals(503, down.status(), down.body());
                assertEquals("DOWN", down.json().getString("status"));
                JsonObject refused = tokenmintCheck(down);
                assertEquals("DOWN", refused.getString("status"));
                assertEquals("done", refused.getJsonObject("data").getString("startup"));
                // the reason without the driver's message, which may name hosts and users
                String reason = refused.getJsonObject("data").getString("database");
                assertTrue(reason.equals("no connection") || reason.startsWith("refused (SQL state "), reason);
                assertEquals(200, probe("live").status(), "a database outage is not a reason to restart the node");
            } finally {
                sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
            }
        }
        String restored = Db.string("SELECT now()::text");
        Api.Reply back = readinessUntil(reply -> reply.status() == 200);
        assertEquals(200, back.status(), back.body());
        assertEquals("UP", tokenmintCheck(back).getString("status"));
        assertEquals(200, api.get("/api/v1/me", admin).status(), "the node serves again without a restart");
        // the token cache lost its connection too: the classes after this one expect it to have joined again. Every
        // test server on this database lost it, and the node ids are random: this node shows it renewed by answering
        // from its cache again, which it does only while it holds a lease.
        Waits.eventually("a token cache renewed its lease after the outage", () -> Db.count(
                "SELECT count(*) FROM cache_nodes WHERE acked > 0 AND lease_until > ?::timestamptz + interval '5 s'",
                restored) > 0);
        TokenCacheIT.answersFromItsCache(api, admin);
    }
}
