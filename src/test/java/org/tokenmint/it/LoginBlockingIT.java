package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tokenmint.it.Waits.eventually;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;
import org.tokenmint.it.ProtocolIT.Raw;

/**
 * Failed-login blocking end to end, mostly on the {@code blocking} server: 3 failures per login name within 2 minutes,
 * 6 per client address within 3 minutes, 127.0.19.9 allow-listed (written {@code ::ffff:127.0.19.9} in its setting).
 * The {@code default} server (Rocket.Chat's 10 and 50 in 5 minutes) uses the same database, as a second node would.
 *
 * <p>Every test logs in from client addresses of its own (127.0.x.y, which Linux routes to the loopback interface),
 * so no test counts against another's address. Windows never pass by waiting: a test moves the failures of its own
 * name or address back on the database's clock, which is the clock the servers measure the windows on. The only time
 * a test relies on is that a login is answered within its 30 s timeout, far inside a minute.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginBlockingIT {

    static final String UNAUTHORIZED = "{\"success\":false,\"error\":\"Unauthorized\",\"status\":\"error\","
            + "\"message\":\"Unauthorized\"}";
    static final String BLOCKED_FOR_IP = "{\"success\":false,\"error\":\"error-login-blocked-for-ip\","
            + "\"status\":\"error\",\"details\":{\"function\":\"Accounts.validateLoginAttempt\"},"
            + "\"message\":\"Login has been temporarily blocked For IP\"}";
    static final String BLOCKED_FOR_USER = "{\"success\":false,\"error\":\"error-login-blocked-for-user\","
            + "\"status\":\"error\",\"details\":{\"function\":\"Accounts.validateLoginAttempt\"},"
            + "\"message\":\"Login has been temporarily blocked For User\"}";
    static final String ALLOW_LISTED = "127.0.19.9";

    @Deployment(name = "blocking", testable = false)
    @TargetsContainer("blocking")
    static WebArchive blockingServer() {
        return Deployments.builtWar();
    }

    @Deployment(name = "default", testable = false)
    @TargetsContainer("default")
    static WebArchive defaultServer() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    @OperateOnDeployment("blocking")
    URL blockingUrl;

    @ArquillianResource
    @OperateOnDeployment("default")
    URL defaultUrl;

    Api api;

    @BeforeEach
    void connect() {
        blockingUrl = Api.loopback(blockingUrl);
        defaultUrl = Api.loopback(defaultUrl);
        api = new Api(blockingUrl);
    }

    /** A user of the blocking server, created by the admin (from 127.0.0.1); its password is {@code pw-<name>}. */
    String newUser(String prefix) {
        String name = Api.unique(prefix);
        Reply created = api.post("api/v1/users.create", api.admin(), Json.createObjectBuilder().add("username", name)
                .add("name", "Test " + name).add("email", name + "@tokenmint.test").add("password", "pw-" + name)
                .build().toString());
        assertEquals(200, created.status(), created.body());
        return name;
    }

    static String body(String user, String password) {
        return Json.createObjectBuilder().add("user", user).add("password", password).build().toString();
    }

    /** {@code POST login} from the given client address, over a connection bound to it. */
    static Raw loginFrom(URL server, String clientAddress, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(clientAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/login HTTP/1.1\r\nHost: 127.0.0.1:" + server.getPort() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            return ProtocolIT.read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Raw login(String clientAddress, String user, String password) {
        return loginFrom(blockingUrl, clientAddress, body(user, password));
    }

    static void assertAnswer(String expected, Raw answer, String what) {
        assertEquals(expected, answer.body(), what);
        assertEquals(401, answer.status(), what);
        assertEquals("application/json", answer.contentType(), what);
    }

    static void assertLoggedIn(Raw answer, String what) {
        assertEquals(200, answer.status(), what + ": " + answer.body());
    }

    static long failuresOfName(String name) {
        return Db.count("SELECT count(*) FROM login_failures WHERE login_name = lower(?)", name);
    }

    static long failuresOfAddress(String address) {
        return Db.count("SELECT count(*) FROM login_failures WHERE client_address = ?", address);
    }

    /** Moves every counted failure of the name back to the given age, on the database's clock. */
    static void ageName(String name, Duration age) {
        Db.update("UPDATE login_failures SET failed_at = now() - make_interval(secs => ?) WHERE login_name = lower(?)",
                (double) age.toSeconds(), name);
    }

    static void ageAddress(String address, Duration age) {
        Db.update("UPDATE login_failures SET failed_at = now() - make_interval(secs => ?) WHERE client_address = ?",
                (double) age.toSeconds(), address);
    }

    @Test
    void aUserIsBlockedEvenWithTheRightPasswordUntilTheWindowHasPassedAndALoginResetsTheCount() {
        String name = newUser("bu");
        for (int i = 1; i <= 3; i++) {
            assertAnswer(UNAUTHORIZED, login("127.0.20.1", name, "wrong-" + i), "failure " + i);
        }
        assertAnswer(BLOCKED_FOR_USER, login("127.0.20.1", name, "pw-" + name), "the right password, blocked");
        assertAnswer(BLOCKED_FOR_USER, login("127.0.20.2", name.toUpperCase(Locale.ROOT), "pw-" + name),
                "from another address, in other case");
        assertEquals(3, failuresOfName(name), "refused logins are not counted");

        ageName(name, Duration.ofMinutes(1));
        assertAnswer(BLOCKED_FOR_USER, login("127.0.20.2", name, "pw-" + name), "one minute of the two has passed");
        ageName(name, Duration.ofMinutes(2));
        assertLoggedIn(login("127.0.20.2", name, "pw-" + name), "the user's window has passed");
        assertEquals(0, failuresOfName(name), "the successful login reset the user's count");
        assertEquals(3, failuresOfAddress("127.0.20.1"), "the failures still count for their address");

        for (int i = 1; i <= 2; i++) {
            assertAnswer(UNAUTHORIZED, login("127.0.20.3", name, "wrong-again-" + i), "new failure " + i);
        }
        assertLoggedIn(login("127.0.20.3", name, "pw-" + name), "two failures since the reset block nothing");
    }

    @Test
    void anAddressIsBlockedForEveryNameAndIsCheckedFirst() {
        String blockedName = newUser("ba");
        String other = newUser("bo");
        for (int i = 1; i <= 3; i++) {
            assertAnswer(UNAUTHORIZED, login("127.0.21.1", blockedName, "wrong-" + i), "name failure " + i);
        }
        for (int i = 1; i <= 3; i++) {
            assertAnswer(UNAUTHORIZED, login("127.0.21.1", Api.unique("nobody"), "wrong"), "other name " + i);
        }
        assertAnswer(BLOCKED_FOR_IP, login("127.0.21.1", other, "pw-" + other), "six failures block the address");
        assertAnswer(BLOCKED_FOR_IP, login("127.0.21.1", blockedName, "pw-" + blockedName),
                "address and name both blocked: the address is checked first");
        assertAnswer(BLOCKED_FOR_USER, login("127.0.21.2", blockedName, "pw-" + blockedName), "elsewhere, the name");
        assertLoggedIn(login("127.0.21.2", other, "pw-" + other), "another address is not blocked");
        assertEquals(6, failuresOfAddress("127.0.21.1"), "refused logins are not counted");

        ageAddress("127.0.21.1", Duration.ofMinutes(2));
        assertAnswer(BLOCKED_FOR_IP, login("127.0.21.1", other, "pw-" + other),
                "the address's window is 3 minutes, not the user's 2");
        ageAddress("127.0.21.1", Duration.ofMinutes(3));
        assertLoggedIn(login("127.0.21.1", other, "pw-" + other), "the address's window has passed");
    }

    @Test
    void anAllowListedAddressIsNeverBlockedByAddressButItsNamesAre() {
        for (int i = 1; i <= 8; i++) {
            assertAnswer(UNAUTHORIZED, login(ALLOW_LISTED, Api.unique("nobody"), "wrong"), "failure " + i);
        }
        String name = newUser("bw");
        assertLoggedIn(login(ALLOW_LISTED, name, "pw-" + name), "eight failures, and the address is not blocked");
        for (int i = 1; i <= 3; i++) {
            assertAnswer(UNAUTHORIZED, login(ALLOW_LISTED, name, "wrong-" + i), "name failure " + i);
        }
        assertAnswer(BLOCKED_FOR_USER, login(ALLOW_LISTED, name, "pw-" + name), "the name rule still holds");
    }

    /**
     * No enumeration: the failures of a name nobody has answer, count and block exactly as a user's. Each name fails
     * from an address of its own, so that the address rule stays out of the comparison.
     */
    @Test
    void anUnknownNameFailsExactlyAsAKnownOne() {
        String known = newUser("bk");
        String unknown = Api.unique("bk");
        for (int i = 1; i <= 4; i++) {
            Raw ofKnown = login("127.0.22.1", known, "wrong-" + i);
            Raw ofUnknown = login("127.0.22.2", unknown, "wrong-" + i);
            assertEquals(ofKnown.status(), ofUnknown.status(), "attempt " + i);
            assertEquals(ofKnown.contentType(), ofUnknown.contentType(), "attempt " + i);
            assertEquals(ofKnown.body(), ofUnknown.body(), "attempt " + i);
            assertEquals(i <= 3 ? UNAUTHORIZED : BLOCKED_FOR_USER, ofUnknown.body(), "attempt " + i);
            assertEquals(failuresOfName(known), failuresOfName(unknown), "counted alike after attempt " + i);
        }
        assertEquals(3, failuresOfName(unknown));
    }

    /** Two deployments on one database count together: neither saw enough failures alone. */
    @Test
    void countsAreSharedByTwoNodesOnOneDatabase() {
        String name = newUser("bs");
        for (int i = 1; i <= 2; i++) {
            assertAnswer(UNAUTHORIZED, loginFrom(defaultUrl, "127.0.23.1", body(name, "wrong-" + i)), "default " + i);
        }
        assertAnswer(UNAUTHORIZED, login("127.0.23.1", name, "wrong-3"), "the third failure, on the blocking node");
        assertAnswer(BLOCKED_FOR_USER, login("127.0.23.2", name, "pw-" + name), "three in all block the name");

        String shared = Api.unique("bs");
        for (int i = 1; i <= 2; i++) {
            assertAnswer(UNAUTHORIZED, login("127.0.23.3", shared, "wrong-" + i), "blocking " + i);
        }
        for (int i = 1; i <= 8; i++) {
            assertAnswer(UNAUTHORIZED, loginFrom(defaultUrl, "127.0.23.4", body(shared, "wrong-" + i)), "default " + i);
        }
        assertAnswer(BLOCKED_FOR_USER, loginFrom(defaultUrl, "127.0.23.4", body(shared, "right?")),
                "the default node's 10 are reached with the blocking node's 2");
    }

    @Test
    void badInputCountsNothing() {
        String address = "127.0.24.1";
        String name = newUser("bb");
        for (String bad : new String[] {
            "{\"user\":\"" + name + "\"}",
            "{\"password\":\"wrong\"}",
            "{\"user\":7,\"password\":true}",
            "{\"user\":\"" + name + "\",\"password\":{\"digest\":\"00\",\"algorithm\":\"md5\"}}",
            "{\"resume\":\"not-a-token\"}",
            "{}",
        }) {
            assertAnswer(UNAUTHORIZED, loginFrom(blockingUrl, address, bad), bad);
        }
        assertEquals(400, loginFrom(blockingUrl, address, "{\"user\":").status(), "malformed JSON");
        assertEquals(0, failuresOfAddress(address), "no password login was tried");
        assertLoggedIn(login(address, name, "pw-" + name), "and nothing is blocked");
    }

    @Test
    void theAdminSeesAndLiftsBlocks() {
        String name = newUser("bl");
        String email = name + "@tokenmint.test";
        for (int i = 1; i <= 3; i++) {
            login("127.0.25.1", name, "wrong-" + i);
            login("127.0.25.1", email.toUpperCase(Locale.ROOT), "wrong-" + i);
        }
        for (int i = 1; i <= 8; i++) {
            login(ALLOW_LISTED, Api.unique("nobody"), "wrong");
        }
        assertAnswer(BLOCKED_FOR_IP, login("127.0.25.1", name, "pw-" + name), "six failures from the address");
        assertAnswer(BLOCKED_FOR_USER, login("127.0.25.2", email, "pw-" + name), "the email is blocked too");

        Reply list = api.get("api/v1/loginBlocks.list?count=0", api.admin());
        assertEquals(200, list.status(), list.body());
        JsonObject byAddress = block(list, "ip", "127.0.25.1");
        assertEquals(Duration.ofMinutes(3), window(byAddress));
        JsonObject byName = block(list, "user", name.toLowerCase(Locale.ROOT));
        assertEquals(Duration.ofMinutes(2), window(byName));
        assertEquals(Duration.ofMinutes(2), window(block(list, "user", email.toLowerCase(Locale.ROOT))));
        assertFalse(list.body().contains(ALLOW_LISTED), "an allow-listed address is never blocked");
        assertTrue(list.body().endsWith(",\"success\":true}"), list.body());

        String plain = newUser("bn");
        Session user = api.login(plain, "pw-" + plain);
        assertEquals(403, api.get("api/v1/loginBlocks.list", user).status(), "manage-login-blocks is the admin's");
        Reply forbidden = api.post("api/v1/loginBlocks.lift", user, "{\"user\":\"" + name + "\"}");
        assertEquals(403, forbidden.status(), forbidden.body());
        String before = failuresOfName(name) + "/" + failuresOfName(email);
        for (String bad : new String[] {"{}", "{\"user\":\"\"}", "{\"user\":7}", "{\"user\":\"x\",\"more\":1}"}) {
            Reply refused = api.post("api/v1/loginBlocks.lift", api.admin(), bad);
            assertEquals(400, refused.status(), bad);
            assertEquals("invalid-params", refused.json().getString("errorType"), bad);
        }
        assertEquals(400, api.get("api/v1/loginBlocks.list?user=x", api.admin()).status());
        assertEquals(before, failuresOfName(name) + "/" + failuresOfName(email), "bad input lifted nothing");

        Reply lifted = api.post("api/v1/loginBlocks.lift", api.admin(), "{\"user\":\"" + email + "\"}");
        assertEquals(200, lifted.status(), lifted.body());
        assertEquals("{\"success\":true}", lifted.body());
        assertLoggedIn(login("127.0.25.2", name, "pw-" + name), "lifting the email lifted the user's username too");
        assertAnswer(BLOCKED_FOR_IP, login("127.0.25.1", name, "pw-" + name), "the address stays blocked");
        Reply after = api.get("api/v1/loginBlocks.list?count=0", api.admin());
        assertFalse(after.body().contains("\"" + name.toLowerCase(Locale.ROOT) + "\""), after.body());

        String ghost = Api.unique("ghost");
        for (int i = 1; i <= 3; i++) {
            login("127.0.25.3", ghost, "wrong-" + i);
        }
        assertEquals(200, api.post("api/v1/loginBlocks.lift", api.admin(), "{\"user\":\"" + ghost + "\"}").status());
        assertAnswer(UNAUTHORIZED, login("127.0.25.3", ghost, "wrong-4"), "a name nobody has is lifted alike");
    }

    static JsonObject block(Reply list, String type, String key) {
        for (JsonValue value : list.json().getJsonArray("blocks")) {
            JsonObject block = value.asJsonObject();
            if (block.getString("type").equals(type) && key.equals(block.getString(type, null))) {
                return block;
            }
        }
        throw new AssertionError("no " + type + " block of " + key + " in " + list.body());
    }

    static Duration window(JsonObject block) {
        return Duration.between(Instant.parse(block.getString("since")), Instant.parse(block.getString("until")));
    }

    @Test
    void theScheduledPurgeDeletesFailuresNoRuleCountsAnyMore() throws InterruptedException {
        String old = Api.unique("old");
        String recent = Api.unique("recent");
        login("127.0.26.1", old, "wrong");
        login("127.0.26.1", recent, "wrong");
        // two of the longer window (3 min) and a second: no block can count it any more
        ageName(old, Duration.ofSeconds(361));
        eventually("the purge deleted the old failure", () -> failuresOfName(old) == 0);
        assertEquals(1, failuresOfName(recent), "a failure a block could still count stays");
    }
}
