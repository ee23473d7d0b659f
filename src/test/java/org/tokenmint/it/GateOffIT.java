package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tokenmint.it.AuthIT.sha256Bytes;

import java.util.Base64;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/**
 * The server runs with CREATE_TOKENS_FOR_USERS=TRUE, which is not "true": the gate is shut. It also runs with
 * MAX_RESUME_LOGIN_TOKENS=none and Accounts_LoginExpiration=0, which Rocket.Chat reads as their defaults.
 */
class GateOffIT extends ServerIT {

    @Deployment(testable = false)
    @TargetsContainer("gateoff")
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @Test
    void nobodyMintsNotEvenAdminsOrForThemselves() {
        Session mia = api.newUser(Api.unique("mia"));
        String before = Db.snapshot();
        for (Session caller : new Session[] {admin, mia}) {
            for (String target : new String[] {admin.userId(), mia.userId()}) {
                Reply reply = api.post("api/v1/users.createToken", caller, "{\"userId\":\"" + target + "\"}");
                assertEquals(400, reply.status());
                assertEquals(CreateTokenIT.NOT_AUTHORIZED, reply.body());
            }
        }
        assertEquals(before, Db.snapshot());
    }

    /** tokenmint departs from Rocket.Chat here: with the gate shut, nobody learns whether a user exists. */
    @Test
    void anUnknownUserIsNotReportedWhileTheGateIsShut() {
        for (String body : new String[] {"{\"username\":\"no-such-user-here\"}", "{\"userId\":\"BsNr28znDkG8aeo7W\"}"}) {
            Reply reply = api.post("api/v1/users.createToken", admin, body);
            assertEquals(400, reply.status());
            assertEquals(CreateTokenIT.NOT_AUTHORIZED, reply.body());
        }
        Reply none = api.post("api/v1/users.createToken", admin, "{\"username\":\" \"}");
        assertEquals("error-user-param-not-provided", none.json().getString("errorType"));
    }

    @Test
    void exactlyOneInitialAdminAcrossAllServers() {
        assertEquals(1, Db.count("SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id "
                + "WHERE r.role_id = 'admin' AND u.username = 'admin'"));
        assertEquals("admin@tokenmint.test", Db.string("SELECT email FROM users WHERE username = 'admin'"));
        assertEquals("t", Db.string("SELECT email_verified FROM users WHERE username = 'admin'"));
        assertEquals("Administrator", Db.string("SELECT name FROM users WHERE username = 'admin'"));
        String hash = Db.string("SELECT password_hash FROM users WHERE username = 'admin'");
        assertEquals("$2b$10$", hash.substring(0, 7));
    }

    /** 50 tokens per user and 90 days, not a failed deployment, nor every token expired at once. */
    @Test
    void unusableNumericSettingsMeanTheirDefaults() {
        String name = Api.unique("nia");
        Session first = api.newUser(name);
        for (int i = 0; i < 5; i++) {
            api.login(name, "pw-" + name);
        }
        assertEquals(6, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ?", first.userId()));
        assertEquals(200, api.get("api/v1/me", first).status(), "none pruned: the cap is 50, not 5");

        Session almostExpired = api.login(name, "pw-" + name);
        ageBy(almostExpired, 89);
        assertEquals(200, api.get("api/v1/me", almostExpired).status(), "89 days old is still live");
        Session expired = api.login(name, "pw-" + name);
        ageBy(expired, 91);
        assertEquals(401, api.get("api/v1/me", expired).status(), "91 days old has expired");
        // not left for the default server's purge to delete while another test compares row counts
        Db.update("DELETE FROM login_tokens WHERE hashed_token = ?",
                Base64.getEncoder().encodeToString(sha256Bytes(expired.authToken())));
    }

    private static void ageBy(Session session, int days) {
        Db.update("UPDATE login_tokens SET issued_at = now() - make_interval(days => ?) WHERE hashed_token = ?", days,
                Base64.getEncoder().encodeToString(sha256Bytes(session.authToken())));
    }
}
