package org.tokenmint.access.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.tokenmint.access.control.Memberships;
import org.tokenmint.access.control.Roles;
import org.tokenmint.access.entity.Role;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.ObjectSchema;

/** {@code roles.*}: list, create, and role membership of users. */
@RequestScoped
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RolesResource {

    static final ObjectSchema CREATE = ObjectSchema.object()
            .string("name", true, 1, 255)
            .string("description", false, 0, 4096)
            .string("scope", false, 0, 255)
            .optional("mandatory2fa", Type.BOOLEAN)
            .noAdditionalProperties();

    static final ObjectSchema MEMBERSHIP = ObjectSchema.object()
            .required("roleId", Type.STRING)
            .required("username", Type.STRING)
            .optional("roomId", Type.STRING)
            .noAdditionalProperties();

    @Inject
    Roles roles;

    @Inject
    Memberships memberships;


    @GET
    @Path("roles.list")
    public JsonObject list() {
        JsonArrayBuilder all = Jsons.array();
        roles.list().forEach(role -> all.add(toJson(role)));
        return Envelope.success(Jsons.object().add("roles", all));
    }

    /** Invalid properties first, then access-permissions, then the name (Rocket.Chat's order). */
    @POST
    @Path("roles.create")
    public JsonObject create(JsonObject json) {
        try {
            CREATE.validate(json);
        } catch (ApiError invalid) {
            throw ApiError.of("error-invalid-role-properties", "The role properties are invalid.");
        }
        String scope = json.getString("scope", "");
        if (!scope.isEmpty() && !scope.equals("Users") && !scope.equals("Subscriptions")) {
            throw ApiError.of("error-invalid-role-properties", "The role properties are invalid.");
        }
        Role role = roles.create(json.getString("name"), json.getString("description", ""),
                scope.isEmpty() ? "Users" : scope);
        return Envelope.success(Jsons.object().add("role", toJson(role)));
    }

    /** The user, then the role, then membership, then the caller's permissions (Rocket.Chat's order). */
    @POST
    @Path("roles.addUserToRole")
    public JsonObject addUserToRole(JsonObject json) {
        MEMBERSHIP.validate(json);
        Role role = memberships.addUserToRole(json.getString("username"), json.getString("roleId"));
        return Envelope.success(Jsons.object().add("role", toJson(role)));
    }

    /** The body, then the route permission access-permissions (403); then user, role, membership, last admin. */
    @POST
    @Path("roles.removeUserFromRole")
    public JsonObject removeUserFromRole(JsonObject json) {
        MEMBERSHIP.validate(json);
        Role role = memberships.removeUserFromRole(json.getString("username"), json.getString("roleId"));
        return Envelope.success(Jsons.object().add("role", toJson(role)));
    }

    static JsonObjectBuilder toJson(Role role) {
        return Jsons.object()
                .add("_id", role.getId())
                .add("name", role.getName())
                .add("scope", role.getScope())
                .add("description", role.getDescription())
                .add("protected", role.isProtected());
    }
}
