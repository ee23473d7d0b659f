package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/** roles.list, roles.create, roles.addUserToRole, roles.removeUserFromRole, and a service account that mints. */
@RunAsClient
class RolesIT extends OnDefaultServer {

    static String error(String code, String reason) {
        return "{\"success\":false,\"error\":\"" + reason + " [" + code + "]\",\"errorType\":\"" + code + "\"}";
    }

    @Test
    void listHasTheProtectedBuiltIns() {
        Session user = api.newUser(Api.unique("hal"));
        Reply reply = api.get("api/v1/roles.list", user);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.body().contains("{\"_id\":\"admin\",\"name\":\"admin\",\"scope\":\"Users\",\"description\":\"Admin\","
                + "\"protected\":true}"), reply.body());
        for (String role : new String[] {"user", "bot", "app", "guest", "anonymous"}) {
            assertTrue(reply.body().contains("\"_id\":\"" + role + "\""), role);
        }
        assertTrue(reply.body().endsWith("],\"success\":true}"));
    }

    @Test
    void createChecksPropertiesThenPermissionThenName() {
        Session user = api.newUser(Api.unique("ian"));
        String name = Api.unique("minters");
        String before = Db.snapshot();
        assertEquals(error("error-invalid-role-properties", "The role properties are invalid."),
                api.post("api/v1/roles.create", user, "{\"description\":\"no name\"}").body());
        assertEquals(error("error-invalid-role-properties", "The role properties are invalid."),
                api.post("api/v1/roles.create", admin, "{\"name\":\"x\",\"scope\":\"Rooms\"}").body());
        assertEquals(error("error-action-not-allowed", "Accessing permissions is not allowed"),
                api.post("api/v1/roles.create", user, "{\"name\":\"" + name + "\"}").body());
        assertEquals(error("error-duplicate-role-names-not-allowed", "Role name already exists"),
                api.post("api/v1/roles.create", admin, "{\"name\":\"bot\"}").body());
        assertEquals(before, Db.snapshot());
        Reply created = api.post("api/v1/roles.create", admin, "{\"name\":\"" + name + "\",\"description\":\"SSO\"}");
        assertEquals(200, created.status(), created.body());
        JsonObject role = created.json().getJsonObject("role");
        assertEquals(17, role.getString("_id").length());
        assertEquals("{\"_id\":\"" + role.getString("_id") + "\",\"name\":\"" + name + "\",\"scope\":\"Users\","
                + "\"description\":\"SSO\",\"protected\":false}", role.toString());
        assertEquals(error("error-duplicate-role-names-not-allowed", "Role name already exists"),
                api.post("api/v1/roles.create", admin, "{\"name\":\"" + name + "\"}").body());
    }

    @Test
    void aCustomRoleMakesAServiceAccountThatMints() {
        String roleName = Api.unique("sso-bridge");
        String roleId = api.post("api/v1/roles.create", admin, "{\"name\":\"" + roleName + "\"}").json()
                .getJsonObject("role").getString("_id");
        String bridgeName = Api.unique("bridge");
        Session bridge = api.newUser(bridgeName);
        Session target = api.newUser(Api.unique("jo"));
        String mint = "{\"userId\":\"" + target.userId() + "\"}";
        assertEquals(400, api.post("api/v1/users.createToken", bridge, mint).status());
        Reply added = api.post("api/v1/roles.addUserToRole", admin,
                "{\"roleId\":\"" + roleId + "\",\"username\":\"" + bridgeName + "\"}");
        assertEquals(200, added.status(), added.body());
        assertEquals(roleId, added.json().getJsonObject("role").getString("_id"));
        try {
            assertEquals(200, api.post("api/v1/permissions.update", admin, "{\"permissions\":[{\"_id\":"
                    + "\"user-generate-access-token\",\"roles\":[\"admin\",\"" + roleId + "\"]}]}").status());
            Reply minted = api.post("api/v1/users.createToken", bridge, mint);
            assertEquals(200, minted.status(), minted.body());
            Reply removed = api.post("api/v1/roles.removeUserFromRole", admin,
                    "{\"roleId\":\"" + roleId + "\",\"username\":\"" + bridgeName + "\"}");
            assertEquals(200, removed.status(), removed.body());
            assertEquals(400, api.post("api/v1/users.createToken", bridge, mint).status());
        } finally {
            api.post("api/v1/permissions.update", admin,
                    "{\"permissions\":[{\"_id\":\"user-generate-access-token\",\"roles\":[\"admin\"]}]}");
        }
    }

    @Test
    void addUserToRoleErrorsInRocketChatsOrder() {
        String name = Api.unique("kai");
        Session kai = api.newUser(name);
        String before = Db.snapshot();
        assertEquals("error-invalid-user", api.post("api/v1/roles.addUserToRole", kai,
                "{\"roleId\":\"nope\",\"username\":\"nobody-" + name + "\"}").json().getString("errorType"));
        assertEquals(error("error-role-not-found", "Role not found"), api.post("api/v1/roles.addUserToRole", kai,
                "{\"roleId\":\"nope\",\"username\":\"" + name + "\"}").body());
        assertEquals(error("error-user-already-in-role", "User already in role"), api.post("api/v1/roles.addUserToRole",
                kai, "{\"roleId\":\"user\",\"username\":\"" + name + "\"}").body());
        assertEquals("{\"success\":false,\"error\":\"Accessing permissions is not allowed [error-action-not-allowed]\","
                + "\"errorType\":\"error-action-not-allowed\",\"details\":{\"method\":\"authorization:addUserToRole\","
                + "\"action\":\"Accessing_permissions\"}}", api.post("api/v1/roles.addUserToRole", kai,
                "{\"roleId\":\"bot\",\"username\":\"" + name + "\"}").body());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must have required property 'roleId'\"}",
                api.post("api/v1/roles.addUserToRole", admin, "{\"username\":\"" + name + "\"}").body());
        assertEquals(before, Db.snapshot());
    }

    @Test
    void assigningAdminNeedsAssignAdminRole() {
        String name = Api.unique("lou");
        Session lou = api.newUser(name, "bot");
        String target = Api.unique("mo");
        api.newUser(target);
        try {
            api.post("api/v1/permissions.update", admin,
                    "{\"permissions\":[{\"_id\":\"access-permissions\",\"roles\":[\"admin\",\"bot\"]}]}");
            assertEquals("{\"success\":false,\"error\":\"Assigning admin is not allowed [error-action-not-allowed]\","
                    + "\"errorType\":\"error-action-not-allowed\",\"details\":{\"method\":\"authorization:addUserToRole\","
                    + "\"action\":\"Assign_admin\"}}", api.post("api/v1/roles.addUserToRole", lou,
                    "{\"roleId\":\"admin\",\"username\":\"" + target + "\"}").body());
            assertEquals(200, api.post("api/v1/roles.addUserToRole", lou,
                    "{\"roleId\":\"app\",\"username\":\"" + target + "\"}").status());
        } finally {
            api.post("api/v1/permissions.update", admin,
                    "{\"permissions\":[{\"_id\":\"access-permissions\",\"roles\":[\"admin\"]}]}");
        }
    }

    @Test
    void removeUserFromRoleErrors() {
        String name = Api.unique("ned");
        Session ned = api.newUser(name);
        Reply denied = api.post("api/v1/roles.removeUserFromRole", ned, "{\"roleId\":\"user\",\"username\":\"" + name + "\"}");
        assertEquals(403, denied.status());
        assertEquals(error("error-invalid-user", "There is no user with this username"), api.post(
                "api/v1/roles.removeUserFromRole", admin, "{\"roleId\":\"user\",\"username\":\"nobody-" + name + "\"}").body());
        assertEquals(error("error-invalid-roleId", "This role does not exist"), api.post(
                "api/v1/roles.removeUserFromRole", admin, "{\"roleId\":\"nope\",\"username\":\"" + name + "\"}").body());
        assertEquals(error("error-user-not-in-role", "User is not in this role"), api.post(
                "api/v1/roles.removeUserFromRole", admin, "{\"roleId\":\"bot\",\"username\":\"" + name + "\"}").body());
        Reply removed = api.post("api/v1/roles.removeUserFromRole", admin, "{\"roleId\":\"user\",\"username\":\"" + name + "\"}");
        assertEquals(200, removed.status(), removed.body());
        assertEquals("[]", api.get("api/v1/me", ned).json().getJsonArray("roles").toString());
    }
}
