package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenmint.it.Waits.eventually;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/**
 * The node's token cache: it answers (so a change the triggers do not report goes unseen), every reported change
 * reaches it, and a revocation is answered only once every node with a live lease has acknowledged it, waiting in
 * memory: neither a pooled connection nor a request thread waits with it.
 *
 * <p>The waits below are bounded only so that a broken server fails the test instead of hanging it; no assertion
 * depends on how fast the machine is.
 */
@RunAsClient
class TokenCacheIT extends OnDefaultServer {

    static String hash(String token) throws NoSuchAlgorithmException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The node joined: listening, leased, acknowledged, and its cache answers. A lease row alone does not show it: the
     * other test servers on this database hold leases of their own for as long as the suite runs, and the node ids are
     * random, so the node shows its own lease by answering from its cache, which it does only while it holds one.
     */
    @Test
    void theServerHoldsALease() throws InterruptedException {
        eventually("a node joined: listening, leased, acknowledged",
                () -> Db.count("SELECT count(*) FROM cache_nodes WHERE lease_until > now() AND acked > 0") > 0);
        answersFromItsCache(api, admin);
    }

    /**
     * Waits until the node answers a token from its cache: of two metrics scrapes by the admin, the second one's
     * authentication is counted as answered by the cache (the first one read the admin's token).
     */
    static void answersFromItsCache(Api api, Session admin) throws InterruptedException {
        eventually("the node's token cache answers", () -> {
            double before = cacheAnswers(api, admin);
            return cacheAnswers(api, admin) > before;
        });
    }

    private static double cacheAnswers(Api api, Session admin) {
        Reply scrape = api.get("/api/metrics", admin);
        assertEquals(200, scrape.status(), scrape.body());
        return MetricsIT.sample(scrape.body(), "tokenmint_authentications_total", "outcome=\"cache\"");
    }

    /**
     * With the token trigger off, a token deleted behind the server's back is still answered from the cache; once a
     * change of the same user is reported, it is not. Without a cache the first {@code me} would be a 401.
     */
    @Test
    void answersFromTheCacheUntilAChangeOfTheUserIsReported() throws Exception {
        theServerHoldsALease();
        Session user = api.newUser(Api.unique("cached"));
        assertEquals(200, api.get("api/v1/me", user).status());
        Db.update("ALTER TABLE login_tokens DISABLE TRIGGER login_tokens_cache_delete");
        try {
            assertEquals(1, Db.update("DELETE FROM login_tokens WHERE hashed_token = ?", hash(user.authToken())));
        } finally {
            Db.update("ALTER TABLE login_tokens ENABLE TRIGGER login_tokens_cache_delete");
        }
        assertEquals(200, api.get("api/v1/me", user).status(), "answered from the cache");
        Db.update("UPDATE users SET name = name || '.' WHERE id = ?", user.userId());
        eventually("the reported change evicted the user", () -> api.get("api/v1/me", user).status() == 401);
    }

    /** A change made in SQL is reported at its commit; nobody waits for it, so it shows once it arrives. */
    @Test
    void aTokenDeletedInTheDatabaseIsRefusedOnceItsNotificationArrives() throws Exception {
        Session user = api.newUser(Api.unique("sqldel"));
        assertEquals(200, api.get("api/v1/me", user).status());
        Db.update("DELETE FROM login_tokens WHERE hashed_token = ?", hash(user.authToken()));
        eventually("the delete's notification evicted the token", () -> api.get("api/v1/me", user).status() == 401);
    }

    /**
     * A node that announced a lease but never acknowledges (stuck, or about to die) holds revocations back until it
     * acknowledges or its lease ends. Thirty logouts wait for it at once, more than the pool's ten connections and
     * the server's request threads, and meanwhile the node still answers requests that need the database.
     */
    @Test
    void revocationsWaitForASilentNodeInMemory() throws Exception {
        theServerHoldsALease();
        List<Session> users = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Session user = api.newUser(Api.unique("wait" + i));
            assertEquals(200, api.get("api/v1/me", user).status());
            users.add(user);
        }
        String silent = Api.unique("silent-node");
        announce(silent, 0, 90_000);
        try {
            List<CompletableFuture<Reply>> logouts = new ArrayList<>();
            for (Session user : users) {
                logouts.add(api.sendAsync(api.request("api/v1/logout", user)
                        .timeout(Waits.PATIENCE.multipliedBy(3)).POST(HttpRequest.BodyPublishers.noBody())));
            }
            eventually("every logout committed", () -> users.stream().allMatch(user -> Db.count(
                    "SELECT count(*) FROM login_tokens WHERE hashed_token = ?", hashQuietly(user.authToken())) == 0));
            assertTrue(logouts.stream().noneMatch(CompletableFuture::isDone),
                    "no logout is answered while the silent node may still answer from its cache");
            // (a new login now could prune the admin's oldest token over the cap, and would wait like the logouts)
            assertEquals(200, api.get("api/v1/users.info?username=" + Api.ADMIN_USERNAME, admin).status(),
                    "a request that reads the database is served meanwhile");
            Session other = api.newUser(Api.unique("meanwhile"));
            assertEquals(200, api.post("api/v1/users.createToken", admin, "{\"userId\":\"" + other.userId() + "\"}")
                    .status(), "a mint is served meanwhile");
            assertTrue(logouts.stream().noneMatch(CompletableFuture::isDone), "still held back");
            announce(silent, Long.MAX_VALUE, 0);
            for (CompletableFuture<Reply> logout : logouts) {
                Reply out = logout.join();
                assertEquals(200, out.status(), out.body());
                assertEquals("{\"status\":\"success\",\"data\":{\"message\":\"You've been logged out!\"}}", out.body());
            }
            for (Session user : users) {
                assertEquals(401, api.get("api/v1/me", user).status());
            }
        } finally {
            announce(silent, Long.MAX_VALUE, 0);
        }
    }

    /** A silent node that never speaks again is waited for only until its lease has run out. */
    @Test
    void aSilentNodeIsWaitedForOnlyUntilItsLeaseEnds() throws Exception {
        theServerHoldsALease();
        Session user = api.newUser(Api.unique("lease"));
        assertEquals(200, api.get("api/v1/me", user).status());
        announce(Api.unique("dying-node"), 0, 1_500);
        Reply out = api.post("api/v1/logout", user, "");
        assertEquals(200, out.status(), out.body());
        assertEquals(401, api.get("api/v1/me", user).status());
    }

    @Test
    void logoutWithoutSilentNodesRefusesTheTokenAtOnce() {
        Session user = api.newUser(Api.unique("quick"));
        assertEquals(200, api.get("api/v1/me", user).status());
        assertEquals(200, api.post("api/v1/logout", user, "").status());
        assertEquals(401, api.get("api/v1/me", user).status());
    }

    /** Says, as a node would when it renews, that it acknowledged {@code acked} and holds a lease this long. */
    static void announce(String node, long acked, long leaseMillis) {
        Db.count("SELECT count(*) FROM (SELECT pg_notify('tokenmint_cache', ?)) n",
                "a" + node + " " + acked + " " + leaseMillis);
    }

    static String hashQuietly(String token) {
        try {
            return hash(token);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
