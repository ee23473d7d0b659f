package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/** The server runs with CREATE_TOKENS_FOR_USERS=TRUE, which is not "true": the gate is shut. */
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
}
