package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Reply;
import org.tokenmint.it.Api.Session;

/** permissions.listAll and permissions.update. */
@RunAsClient
class PermissionsIT extends OnDefaultServer {

    Map<String, String> roles(Reply reply, String key) {
        return reply.json().getJsonArray(key).getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(p -> p.getString("_id"), p -> p.getJsonArray("roles").toString()));
    }

    @Test
    void listAllHasTheDefaults() {
        Session user = api.newUser(Api.unique("uma"));
        Reply reply = api.get("api/v1/permissions.listAll", user);
        assertEquals(200, reply.status(), reply.body());
        Map<String, String> roles = roles(reply, "update");
        for (String admin : new String[] {"create-user", "delete-user", "view-full-other-user-info",
                "edit-other-user-active-status", "access-permissions", "assign-admin-role", "user-generate-access-token"}) {
            assertEquals("[\"admin\"]", roles.get(admin), admin);
        }
        assertEquals("[\"admin\",\"bot\",\"app\"]", roles.get("api-bypass-rate-limit"));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, reply.json().getJsonArray("remove"));
        assertTrue(reply.body().endsWith("\"remove\":[],\"success\":true}"));
        JsonObject first = reply.json().getJsonArray("update").getJsonObject(0);
        assertEquals("[_id, roles, _updatedAt]", first.keySet().toString());
    }

    @Test
    void updatedSinceFiltersAndMustBeADate() {
        Reply future = api.get("api/v1/permissions.listAll?updatedSince=2999-01-01T00:00:00.000Z", admin);
        assertEquals(200, future.status());
        assertEquals("{\"update\":[],\"remove\":[],\"success\":true}", future.body());
        Reply empty = api.get("api/v1/permissions.listAll?updatedSince=", admin);
        assertEquals(200, empty.status(), "an empty date means no filter");
        assertTrue(roles(empty, "update").containsKey("create-user"));
        Reply unknownKey = api.get("api/v1/permissions.listAll?since=2020-01-01", admin);
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"must NOT have additional properties\"}",
                unknownKey.body());
        Reply bad = api.get("api/v1/permissions.listAll?updatedSince=" + URLEncoder.encode("not a date",
                StandardCharsets.UTF_8), admin);
        assertEquals(400, bad.status());
        assertEquals("{\"success\":false,\"error\":\"The \\\"updatedSince\\\" query parameter must be a valid date. "
                + "[error-roomId-param-invalid]\",\"errorType\":\"error-roomId-param-invalid\"}", bad.body());
    }

    @Test
    void updateNeedsAccessPermissions() {
        Session user = api.newUser(Api.unique("vic"));
        String before = Db.snapshot();
        Reply reply = api.post("api/v1/permissions.update", user,
                "{\"permissions\":[{\"_id\":\"create-user\",\"roles\":[\"user\"]}]}");
        assertEquals(403, reply.status());
        assertEquals("{\"success\":false,\"error\":\"User does not have the permissions required for this action "
                + "[error-unauthorized]\"}", reply.body());
        assertEquals(400, api.post("api/v1/permissions.update", user, "{\"permissions\":7}").status(),
                "the body is validated before the route permission, as in Rocket.Chat");
        assertEquals(before, Db.snapshot());
    }

    @Test
    void invalidEntriesChangeNothing() {
        String before = Db.snapshot();
        Reply unknownPermission = api.post("api/v1/permissions.update", admin, "{\"permissions\":["
                + "{\"_id\":\"delete-user\",\"roles\":[\"admin\",\"bot\"]},{\"_id\":\"no-such\",\"roles\":[\"admin\"]}]}");
        assertEquals(400, unknownPermission.status());
        assertEquals("{\"success\":false,\"error\":\"Invalid permission\",\"errorType\":\"error-invalid-permission\"}",
                unknownPermission.body());
        Reply unknownRole = api.post("api/v1/permissions.update", admin, "{\"permissions\":["
                + "{\"_id\":\"delete-user\",\"roles\":[\"admin\",\"no-such-role\"]}]}");
        assertEquals(400, unknownRole.status());
        assertEquals("{\"success\":false,\"error\":\"Invalid role\",\"errorType\":\"error-invalid-role\"}", unknownRole.body());
        for (String[] c : new String[][] {
            {"{}", "must have required property 'permissions'"},
            {"{\"permissions\":{}}", "must be array"},
            {"{\"permissions\":[{\"_id\":\"delete-user\"}]}", "must have required property 'roles'"},
            {"{\"permissions\":[{\"_id\":\"delete-user\",\"roles\":[1]}]}", "must be string"},
            {"{\"permissions\":[{\"_id\":\"delete-user\",\"roles\":[],\"x\":1}]}", "must NOT have additional properties"},
            {"{\"permissions\":[{\"_id\":\"delete-user\",\"roles\":[\"admin\",\"admin\"]}]}",
                "must NOT have duplicate items (items ## 1 and 0 are identical)"},
        }) {
            Reply reply = api.post("api/v1/permissions.update", admin, c[0]);
            assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"" + c[1] + "\"}", reply.body(), c[0]);
        }
        assertEquals(before, Db.snapshot());
    }

    @Test
    void updateReplacesRoleListsInOrderAndAnswersWithAll() {
        try {
            Reply reply = api.post("api/v1/permissions.update", admin,
                    "{\"permissions\":[{\"_id\":\"view-full-other-user-info\",\"roles\":[\"bot\",\"admin\"]}]}");
            assertEquals(200, reply.status(), reply.body());
            Map<String, String> roles = roles(reply, "permissions");
            assertEquals("[\"bot\",\"admin\"]", roles.get("view-full-other-user-info"));
            assertEquals("[\"admin\"]", roles.get("create-user"));
            assertTrue(reply.body().endsWith("],\"success\":true}"));
            Reply since = api.get("api/v1/permissions.listAll?updatedSince="
                    + URLEncoder.encode(java.time.Instant.now().minusSeconds(60).toString(), StandardCharsets.UTF_8), admin);
            assertTrue(roles(since, "update").containsKey("view-full-other-user-info"), since.body());
        } finally {
            api.post("api/v1/permissions.update", admin,
                    "{\"permissions\":[{\"_id\":\"view-full-other-user-info\",\"roles\":[\"admin\"]}]}");
        }
    }
}
