package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/** users.create: its schema, its checks in Rocket.Chat's order, and its answer. */
@RunAsClient
class UsersCreateIT extends OnDefaultServer {

    Reply create(Session caller, String body) {
        return api.post("api/v1/users.create", caller, body);
    }

    static String body(String username, String extra) {
        return body(username, "pw", extra);
    }

    static String body(String username, String password, String extra) {
        return "{\"email\":\"" + username + "@tokenmint.test\",\"name\":\"N " + username + "\",\"password\":\""
                + password + "\",\"username\":\"" + username + "\"" + extra + "}";
    }

    static String refusal(String code, String reason, String details) {
        return "{\"success\":false,\"error\":\"" + reason + " [" + code + "]\",\"errorType\":\"" + code
                + "\",\"details\":{\"method\":\"insertOrUpdateUser\"" + details + "}}";
    }

    @Test
    void createsAUserWithRocketChatsShape() {
        String name = Api.unique("nina");
        // A password no random id or timestamp can contain, so finding it in the answer means it leaked.
        String password = "Leak-" + UUID.randomUUID();
        Reply reply = create(admin,
                body(name, password, ",\"verified\":true,\"requirePasswordChange\":true,\"joinDefaultChannels\":false"));
        assertEquals(200, reply.status(), reply.body());
        JsonObject user = reply.json().getJsonObject("user");
        assertEquals(17, user.getString("_id").length());
        assertEquals(name, user.getString("username"));
        assertEquals("[{\"address\":\"" + name + "@tokenmint.test\",\"verified\":true}]", user.getJsonArray("emails").toString());
        assertEquals("user", user.getString("type"));
        assertEquals("offline", user.getString("status"));
        assertTrue(user.getBoolean("active"));
        assertEquals("[\"user\"]", user.getJsonArray("roles").toString());
        assertEquals("N " + name, user.getString("name"));
        assertTrue(user.getBoolean("requirePasswordChange"));
        assertEquals("{}", user.getJsonObject("settings").toString());
        assertTrue(user.getString("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertTrue(user.getString("_updatedAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertTrue(reply.body().startsWith("{\"user\":{\"_id\":"), reply.body());
        assertTrue(reply.body().endsWith("},\"success\":true}"), reply.body());
        assertFalse(reply.body().contains(password), "no password in the answer");
        assertFalse(reply.body().contains("$2"), "no bcrypt hash in the answer");
        assertFalse(user.containsKey("services"), "no services (where Rocket.Chat keeps the hash) in the answer");
        assertEquals(200, api.post("api/v1/login", null, "{\"user\":\"" + name + "\",\"password\":\"" + password + "\"}").status());
    }

    @Test
    void schemaProblemsAreInvalidParamsAndWriteNothing() {
        String before = Db.snapshot();
        String[][] cases = {
            {"{\"name\":\"n\",\"password\":\"p\",\"username\":\"u\"}", "must have required property 'email'"},
            {"{\"email\":\"e@x.io\",\"password\":\"p\",\"username\":\"u\"}", "must have required property 'name'"},
            {body("x", ",\"unknown\":1"), "must NOT have additional properties"},
            {body("x", ",\"active\":\"yes\""), "must be boolean"},
            {body("x", ",\"roles\":\"admin\""), "must be array"},
            {"{\"email\":1,\"name\":\"n\",\"password\":\"p\",\"username\":\"u\"}", "must be string"},
            {body("x".repeat(121), ""), "must NOT have more than 120 characters"},
        };
        for (String[] c : cases) {
            Reply reply = create(admin, c[0]);
            assertEquals(400, reply.status(), c[0]);
            assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"" + c[1] + "\"}", reply.body());
        }
        assertEquals(before, Db.snapshot());
    }

    @Test
    void checksInRocketChatsOrder() {
        Session plain = api.newUser(Api.unique("omar"));
        String taken = Api.unique("pia");
        assertEquals(200, create(admin, body(taken, "")).status());
        String before = Db.snapshot();

        assertEquals(refusal("error-action-not-allowed", "Adding user is not allowed", ",\"action\":\"Adding_user\""),
                create(plain, body("bad name!", ",\"roles\":[\"nope\"]")).body());
        assertEquals(refusal("error-action-not-allowed", "The field Roles consist invalid role id", ",\"action\":\"Assign_role\""),
                create(admin, body("bad name!", ",\"roles\":[\"nope\"]")).body());
        assertEquals(refusal("error-input-is-not-a-valid-field", "bad name! is not a valid username",
                ",\"input\":\"bad name!\",\"field\":\"Username\""), create(admin, body("bad name!", "")).body());
        assertEquals(refusal("error-input-is-not-a-valid-field", "o&#39;neil&lt;b&gt; is not a valid username",
                ",\"input\":\"o'neil<b>\",\"field\":\"Username\""), create(admin, body("o'neil<b>", "")).body());
        assertEquals(refusal("error-the-field-is-required", "The field Name is required", ",\"field\":\"Name\""),
                create(admin, "{\"email\":\"a@b.io\",\"name\":\" \",\"password\":\"p\",\"username\":\"u\"}").body());
        assertEquals(refusal("error-the-field-is-required", "The field Password is required", ",\"field\":\"Password\""),
                create(admin, "{\"email\":\"a@b.io\",\"name\":\"n\",\"password\":\"\",\"username\":\"u\"}").body());
        assertEquals(refusal("error-blocked-username", "Administrator is blocked and can't be used!",
                ",\"field\":\"Administrator\""), create(admin, body("Administrator", "")).body());
        assertEquals(refusal("error-field-unavailable", taken.toUpperCase() + " is already in use :(",
                ",\"field\":\"" + taken.toUpperCase() + "\""), create(admin, body(taken.toUpperCase(), "")).body());
        String other = Api.unique("quinn");
        Reply emailTaken = create(admin, "{\"email\":\"" + taken.toUpperCase() + "@tokenmint.test\",\"name\":\"n\","
                + "\"password\":\"p\",\"username\":\"" + other + "\"}");
        assertEquals(refusal("error-field-unavailable", taken.toUpperCase() + "@tokenmint.test is already in use :(",
                ",\"field\":\"" + taken.toUpperCase() + "@tokenmint.test\""), emailTaken.body());
        Reply badEmail = create(admin, "{\"email\":\"no-at-sign\",\"name\":\"n\",\"password\":\"p\",\"username\":\""
                + Api.unique("rae") + "\"}");
        assertEquals("{\"success\":false,\"error\":\"Invalid email no-at-sign [error-invalid-email]\",\"errorType\":"
                + "\"error-invalid-email\",\"details\":{\"function\":\"RocketChat.validateEmailDomain\",\"email\":\"no-at-sign\"}}",
                badEmail.body());
        assertEquals(before, Db.snapshot());
    }

    @Test
    void nullableFieldsRandomPasswordAndAnExplicitFalse() {
        String name = Api.unique("sue");
        Reply reply = create(admin, body(name, ",\"active\":null,\"bio\":null,\"verified\":null,\"requirePasswordChange\":false"));
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.json().getJsonObject("user").getBoolean("active"));
        assertFalse(reply.json().getJsonObject("user").getBoolean("requirePasswordChange"));
        Reply random = create(admin, body(Api.unique("sue"), ",\"setRandomPassword\":true"));
        assertEquals(200, random.status(), random.body());
        assertTrue(random.json().getJsonObject("user").getBoolean("requirePasswordChange"));
        assertEquals(401, api.post("api/v1/login", null, "{\"user\":\"" + random.json().getJsonObject("user")
                .getString("username") + "\",\"password\":\"pw\"}").status(), "the given password was replaced");
        assertFalse(create(admin, body(Api.unique("sue"), "")).json().getJsonObject("user")
                .containsKey("requirePasswordChange"), "absent when never set");
    }

    @Test
    void assigningAdminNeedsAssignAdminRole() {
        Session bot = api.newUser(Api.unique("rex"), "bot");
        try {
            assertEquals(200, api.post("api/v1/permissions.update", admin,
                    "{\"permissions\":[{\"_id\":\"create-user\",\"roles\":[\"admin\",\"bot\"]}]}").status());
            String before = Db.snapshot();
            assertEquals(refusal("error-action-not-allowed", "Assigning admin is not allowed", ",\"action\":\"Assign_admin\""),
                    create(bot, body(Api.unique("sam"), ",\"roles\":[\"admin\"]")).body());
            assertEquals(before, Db.snapshot());
            Reply plainUser = create(bot, body(Api.unique("sam"), ",\"roles\":[\"user\",\"bot\"]"));
            assertEquals(200, plainUser.status(), plainUser.body());
            assertEquals("[\"user\",\"bot\"]", plainUser.json().getJsonObject("user").getJsonArray("roles").toString());
        } finally {
            api.post("api/v1/permissions.update", admin, "{\"permissions\":[{\"_id\":\"create-user\",\"roles\":[\"admin\"]}]}");
        }
        Reply asAdmin = create(admin, body(Api.unique("tia"), ",\"roles\":[\"admin\"]"));
        assertEquals(200, asAdmin.status(), asAdmin.body());
    }
}
