package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/**
 * The node's token cache: it answers (so a change the triggers do not report goes unseen), every reported change
 * reaches it, and a revocation is answered only once every node with a live lease has acknowledged it.
 */
@RunAsClient
class TokenCacheIT extends OnDefaultServer {

    static String hash(String token) throws NoSuchAlgorithmException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theServerHoldsALease() throws InterruptedException {
        eventually(10_000, "the node joined: listening, leased, acknowledged",
                () -> Db.count("SELECT count(*) FROM cache_nodes WHERE lease_until > now() AND acked > 0") > 0);
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
        Db.update("ALTER TABLE login_tokens DISABLE TRIGGER login_tokens_cache");
        try {
            assertEquals(1, Db.update("DELETE FROM login_tokens WHERE hashed_token = ?", hash(user.authToken())));
        } finally {
            Db.update("ALTER TABLE login_tokens ENABLE TRIGGER login_tokens_cache");
        }
        assertEquals(200, api.get("api/v1/me", user).status(), "answered from the cache");
        Db.update("UPDATE users SET name = name || '.' WHERE id = ?", user.userId());
        awaitRefused(user, "the reported change evicted the user");
    }

    @Test
    void aTokenDeletedInTheDatabaseIsRefusedWithinMoments() throws Exception {
        Session user = api.newUser(Api.unique("sqldel"));
        assertEquals(200, api.get("api/v1/me", user).status());
        Db.update("DELETE FROM login_tokens WHERE hashed_token = ?", hash(user.authToken()));
        awaitRefused(user, "the delete's notification evicted the token");
    }

    /** A change made in SQL is reported at its commit; nobody waits for it, so it shows within moments. */
    void awaitRefused(Session user, String why) throws InterruptedException {
        eventually(2_000, why, () -> api.get("api/v1/me", user).status() == 401);
    }

    static void eventually(long millis, String why, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, why);
            Thread.sleep(20);
        }
    }

    /**
     * A node that holds a lease but never acknowledges (stuck, or about to die) holds logout back until its lease
     * runs out; only then could it no longer answer from its cache.
     */
    @Test
    void logoutWaitsForEveryLiveNode() throws Exception {
        theServerHoldsALease();
        Session user = api.newUser(Api.unique("wait"));
        assertEquals(200, api.get("api/v1/me", user).status());
        String silent = Api.unique("silent-node");
        Db.update("INSERT INTO cache_nodes (node_id, lease_until, acked) VALUES (?, now() + interval '2 seconds', 0)",
                silent);
        try {
            long start = System.nanoTime();
            Reply out = api.post("api/v1/logout", user, "");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, out.status(), out.body());
            assertTrue(tookMillis >= 1_000, "waited for the silent node's lease: " + tookMillis + " ms");
            assertEquals(0, Db.count("SELECT count(*) FROM cache_nodes WHERE node_id = ? AND lease_until > now()",
                    silent), "answered only once the silent node's lease had run out");
            assertEquals(401, api.get("api/v1/me", user).status());
        } finally {
            Db.update("DELETE FROM cache_nodes WHERE node_id = ?", silent);
        }
    }

    @Test
    void logoutWithoutSilentNodesIsQuick() {
        Session user = api.newUser(Api.unique("quick"));
        assertEquals(200, api.get("api/v1/me", user).status());
        long start = System.nanoTime();
        assertEquals(200, api.post("api/v1/logout", user, "").status());
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 900, "every live node acknowledged at once: " + tookMillis + " ms");
        assertEquals(401, api.get("api/v1/me", user).status());
    }
}
