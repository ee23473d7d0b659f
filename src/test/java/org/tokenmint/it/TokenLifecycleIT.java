package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/** The cap under parallel requests, the periodic purge of expired tokens, and the audit route. */
@RunAsClient
class TokenLifecycleIT extends OnDefaultServer {

    @Test
    void theCapHoldsUnderParallelMintsAndNoneFails() throws Exception {
        Session target = api.newUser(Api.unique("par"));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < 36; i++) {
                calls.add(() -> api.post("api/v1/users.createToken", admin, "{\"userId\":\"" + target.userId() + "\"}"));
            }
            for (Future<Reply> result : pool.invokeAll(calls)) {
                Reply reply = result.get();
                assertEquals(200, reply.status(), reply.body());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(5, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ?", target.userId()));
        assertEquals(37, Db.count("SELECT count(*) FROM token_audit WHERE target_id = ?", target.userId()));
    }

    @Test
    void expiredTokensArePurgedPeriodically() throws Exception {
        String name = Api.unique("old");
        Session old = api.newUser(name);
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(old.authToken().getBytes(StandardCharsets.UTF_8)));
        Db.update("UPDATE login_tokens SET issued_at = now() - interval '91 days' WHERE hashed_token = ?", hash);
        long deadline = System.currentTimeMillis() + 15_000;
        while (Db.count("SELECT count(*) FROM login_tokens WHERE hashed_token = ?", hash) > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the purge (every second here) removed the expired row");
            Thread.sleep(200);
        }
        Session fresh = api.login(name, "pw-" + name);
        assertEquals(200, api.get("api/v1/me", fresh).status(), "live tokens are kept");
    }

    @Test
    void auditShowsWhoMintedForWhomAndWhetherItIsLive() {
        Instant start = Instant.now().minusSeconds(2);
        String targetName = Api.unique("aud");
        Session target = api.newUser(targetName);
        Reply minted = api.post("api/v1/users.createToken", admin, "{\"userId\":\"" + target.userId() + "\"}");
        String token = minted.json().getJsonObject("data").getString("authToken");

        Reply audit = api.get("api/v1/audit.tokens?targetId=" + target.userId() + "&start=" + start, admin);
        assertEquals(200, audit.status(), audit.body());
        JsonObject page = audit.json();
        assertEquals(2, page.getInt("total"), "login (from newUser) and the mint");
        JsonObject newest = page.getJsonArray("events").getJsonObject(0);
        assertEquals("documented", newest.getString("contract"));
        assertEquals(admin.userId(), newest.getJsonObject("caller").getString("_id"));
        assertEquals("admin", newest.getJsonObject("caller").getString("username"));
        assertEquals(targetName, newest.getJsonObject("target").getString("username"));
        assertTrue(newest.getBoolean("live"));
        assertTrue(newest.containsKey("clientAddress"));
        assertEquals("login", page.getJsonArray("events").getJsonObject(1).getString("contract"));
        assertFalse(audit.body().contains(token), "never the token");
        assertFalse(audit.body().contains(Db.string("SELECT hashed_token FROM login_tokens WHERE user_id = ? LIMIT 1",
                target.userId())), "never its hash");
        assertTrue(audit.body().endsWith(",\"count\":2,\"offset\":0,\"total\":2,\"success\":true}"), audit.body());

        api.post("api/v1/logout", new Session(target.userId(), token), "");
        JsonObject after = api.get("api/v1/audit.tokens?targetId=" + target.userId() + "&count=1", admin).json();
        assertFalse(after.getJsonArray("events").getJsonObject(0).getBoolean("live"), "revoked");
        assertEquals(1, after.getInt("count"));

        assertEquals(1, api.get("api/v1/audit.tokens?callerId=" + admin.userId() + "&targetId=" + target.userId(), admin)
                .json().getInt("total"));
        assertEquals(0, api.get("api/v1/audit.tokens?targetId=" + target.userId() + "&end=" + start, admin).json()
                .getInt("total"));
    }

    @Test
    void auditNeedsViewTokenAuditAndValidQueries() {
        Session user = api.newUser(Api.unique("peek"));
        Reply denied = api.get("api/v1/audit.tokens", user);
        assertEquals(403, denied.status());
        assertEquals(UsersAdminIT.FORBIDDEN, denied.body());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must match format \\\"date-time\\\"\"}",
                api.get("api/v1/audit.tokens?start=yesterday", admin).body());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must NOT have additional properties\"}",
                api.get("api/v1/audit.tokens?token=x", admin).body());
    }
}
