package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/** users.info, users.list, users.setActiveStatus, users.delete, users.logout, and the last active admin. */
@RunAsClient
class UsersAdminIT extends OnDefaultServer {

    static final String FORBIDDEN = "{\"success\":false,\"error\":\"User does not have the permissions required for "
            + "this action [error-unauthorized]\"}";
    static final String ADMIN_REQUIRED = "{\"success\":false,\"error\":\"You need to have at least one admin "
            + "[error-admin-required]\",\"errorType\":\"error-admin-required\"}";

    @Test
    void infoShowsFullFieldsToOneselfAndToAdminsOnly() {
        String name = Api.unique("ada");
        Session ada = api.newUser(name);
        Session other = api.newUser(Api.unique("ben"));
        JsonObject self = api.get("api/v1/users.info?userId=" + ada.userId(), ada).json();
        assertTrue(self.getJsonObject("user").containsKey("emails"));
        assertTrue(self.getJsonObject("user").containsKey("roles"));
        assertTrue(self.getJsonObject("user").containsKey("lastLogin"));
        Reply byOther = api.get("api/v1/users.info?username=" + name.toUpperCase(), other);
        assertEquals(200, byOther.status(), byOther.body());
        JsonObject seen = byOther.json().getJsonObject("user");
        assertEquals(ada.userId(), seen.getString("_id"));
        assertEquals(name, seen.getString("username"));
        for (String hidden : new String[] {"emails", "roles", "createdAt", "lastLogin"}) {
            assertFalse(seen.containsKey(hidden), hidden);
        }
        assertTrue(api.get("api/v1/users.info?userId=" + ada.userId(), admin).json().getJsonObject("user")
                .containsKey("emails"));
        assertFalse(byOther.body().contains("$2"), "no password hash");
    }

    @Test
    void infoParameterErrors() {
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must have required property 'userId'\"}",
                api.get("api/v1/users.info", admin).body());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must NOT have additional properties\"}",
                api.get("api/v1/users.info?userId=a&username=b", admin).body());
        assertEquals("{\"success\":false,\"error\":\"Invalid search query.\"}",
                api.get("api/v1/users.info?userId=", admin).body());
        Reply unknown = api.get("api/v1/users.info?userId=BsNr28znDkG8aeo7W", admin);
        assertEquals(400, unknown.status());
        assertEquals("{\"success\":false,\"error\":\"User not found.\"}", unknown.body());
    }

    @Test
    void listPagesSortedByUsername() {
        for (int i = 0; i < 3; i++) {
            api.newUser(Api.unique("list"));
        }
        JsonObject all = api.get("api/v1/users.list?count=0", admin).json();
        long total = all.getJsonNumber("total").longValue();
        assertEquals(total, all.getJsonArray("users").size());
        JsonObject page = api.get("api/v1/users.list?count=2&offset=1", admin).json();
        assertEquals(2, page.getInt("count"));
        assertEquals(1, page.getInt("offset"));
        assertEquals(total, page.getJsonNumber("total").longValue());
        assertEquals(all.getJsonArray("users").getJsonObject(1).getString("_id"),
                page.getJsonArray("users").getJsonObject(0).getString("_id"));
        var names = all.getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("username")).toList();
        assertEquals(names.stream().sorted().toList(), names, "sorted by username");
        JsonObject defaults = api.get("api/v1/users.list", admin).json();
        assertEquals(Math.min(50, total), defaults.getInt("count"));
        assertEquals(Math.min(100, total), api.get("api/v1/users.list?count=1000", admin).json().getInt("count"));
        assertEquals(400, api.get("api/v1/users.list?count=ten", admin).status());
        assertEquals(400, api.get("api/v1/users.list?offset=-1", admin).status());
    }

    @Test
    void deactivationRevokesEveryTokenAndNeedsThePermission() {
        Session cid = api.newUser(Api.unique("cid"));
        Session minted = new Session(cid.userId(), api.post("api/v1/users.createToken", admin,
                "{\"userId\":\"" + cid.userId() + "\"}").json().getJsonObject("data").getString("authToken"));
        String body = "{\"userId\":\"" + cid.userId() + "\",\"activeStatus\":false}";
        Reply denied = api.post("api/v1/users.setActiveStatus", cid, body);
        assertEquals(403, denied.status());
        assertEquals(FORBIDDEN, denied.body());
        Reply done = api.post("api/v1/users.setActiveStatus", admin, body);
        assertEquals(200, done.status(), done.body());
        assertEquals("{\"user\":{\"_id\":\"" + cid.userId() + "\",\"active\":false},\"success\":true}", done.body());
        assertEquals(0, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ?", cid.userId()));
        assertEquals(401, api.get("api/v1/me", cid).status());
        assertEquals(401, api.get("api/v1/me", minted).status());
        Reply back = api.post("api/v1/users.setActiveStatus", admin,
                "{\"userId\":\"" + cid.userId() + "\",\"activeStatus\":true}");
        assertEquals("{\"user\":{\"_id\":\"" + cid.userId() + "\",\"active\":true},\"success\":true}", back.body());
        assertEquals(401, api.get("api/v1/me", cid).status(), "revoked tokens stay revoked");
        assertEquals("{\"success\":false,\"error\":\"User not found\"}", api.post("api/v1/users.setActiveStatus", admin,
                "{\"userId\":\"BsNr28znDkG8aeo7W\",\"activeStatus\":false}").body());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must be boolean\"}",
                api.post("api/v1/users.setActiveStatus", admin, "{\"userId\":\"x\",\"activeStatus\":\"no\"}").body());
    }

    @Test
    void deleteNeedsThePermissionFirstThenAUser() {
        Session dan = api.newUser(Api.unique("dan"));
        Reply denied = api.post("api/v1/users.delete", dan, "{}");
        assertEquals(403, denied.status(), "permission before the lookup");
        assertEquals(FORBIDDEN, denied.body());
        assertEquals("error-user-param-not-provided", api.post("api/v1/users.delete", admin, "{}").json().getString("errorType"));
        assertEquals("error-invalid-user",
                api.post("api/v1/users.delete", admin, "{\"username\":\"nobody-at-all\"}").json().getString("errorType"));
        Reply deleted = api.post("api/v1/users.delete", admin, "{\"userId\":\"" + dan.userId() + "\"}");
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals("{\"success\":true}", deleted.body());
        assertEquals(0, Db.count("SELECT count(*) FROM users WHERE id = ?", dan.userId()));
        assertEquals(0, Db.count("SELECT count(*) FROM login_tokens WHERE user_id = ?", dan.userId()));
        assertEquals(0, Db.count("SELECT count(*) FROM user_roles WHERE user_id = ?", dan.userId()));
        assertEquals(401, api.get("api/v1/me", dan).status());
    }

    @Test
    void logoutRevokesEveryTokenOfOneselfOrOfAnotherWithThePermission() {
        String eveName = Api.unique("eve");
        Session eve = api.newUser(eveName);
        Session eveAgain = api.login(eveName, "pw-" + eveName);
        Session fay = api.newUser(Api.unique("fay"));
        Reply denied = api.post("api/v1/users.logout", fay, "{\"userId\":\"" + eve.userId() + "\"}");
        assertEquals(403, denied.status());
        assertEquals(FORBIDDEN, denied.body());
        assertEquals(200, api.get("api/v1/me", eve).status());

        Reply self = api.post("api/v1/users.logout", fay, "");
        assertEquals("{\"message\":\"User " + fay.userId() + " has been logged out!\",\"success\":true}", self.body());
        assertEquals(401, api.get("api/v1/me", fay).status());

        Reply byAdmin = api.post("api/v1/users.logout", admin, "{\"userId\":\"" + eve.userId() + "\"}");
        assertEquals("{\"message\":\"User " + eve.userId() + " has been logged out!\",\"success\":true}", byAdmin.body());
        assertEquals(401, api.get("api/v1/me", eve).status());
        assertEquals(401, api.get("api/v1/me", eveAgain).status());
        Reply again = api.post("api/v1/users.logout", admin, "{\"userId\":\"" + eve.userId() + "\"}");
        assertEquals("{\"success\":false,\"error\":\"Invalid user id [error-invalid-user-id]\",\"errorType\":"
                + "\"error-invalid-user-id\"}", again.body());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must NOT have additional properties\"}",
                api.post("api/v1/users.logout", admin, "{\"username\":\"x\"}").body());
    }

    @Test
    void theLastActiveAdminCanNeitherGoNorBeDeactivatedNorLoseTheRole() {
        // Other tests create admins; here the initial admin must be the only active one.
        Db.update("DELETE FROM user_roles WHERE role_id = 'admin' AND user_id <> ?", admin.userId());
        String before = Db.snapshot();
        assertEquals(ADMIN_REQUIRED, api.post("api/v1/users.delete", admin, "{\"userId\":\"" + admin.userId() + "\"}").body());
        assertEquals(ADMIN_REQUIRED, api.post("api/v1/users.setActiveStatus", admin,
                "{\"userId\":\"" + admin.userId() + "\",\"activeStatus\":false}").body());
        assertEquals(ADMIN_REQUIRED, api.post("api/v1/roles.removeUserFromRole", admin,
                "{\"roleId\":\"admin\",\"username\":\"admin\"}").body());
        assertEquals(before, Db.snapshot());
        assertEquals(200, api.get("api/v1/me", admin).status());

        String name = Api.unique("gil");
        Session gil = api.newUser(name);
        assertEquals(200, api.post("api/v1/roles.addUserToRole", admin,
                "{\"roleId\":\"admin\",\"username\":\"" + name + "\"}").status());
        Reply deactivated = api.post("api/v1/users.setActiveStatus", gil,
                "{\"userId\":\"" + gil.userId() + "\",\"activeStatus\":false}");
        assertEquals(200, deactivated.status(), "another active admin remains: " + deactivated.body());
        assertEquals(ADMIN_REQUIRED, api.post("api/v1/users.setActiveStatus", admin,
                "{\"userId\":\"" + admin.userId() + "\",\"activeStatus\":false}").body(), "an inactive admin does not count");
    }
}
