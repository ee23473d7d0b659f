package org.tokenmint.access.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.access.control.Permissions;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.WireDates;

/** {@code permissions.listAll} and {@code permissions.update}. */
@RequestScoped
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PermissionsResource {

    static final ObjectSchema UPDATE = ObjectSchema.object()
            .arrayOf("permissions", true, ObjectSchema.object()
                    .required("_id", Type.STRING)
                    .arrayOf("roles", true, Type.STRING)
                    .noAdditionalProperties())
            .noAdditionalProperties();

    @Inject
    Permissions permissions;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("permissions.listAll")
    public JsonObject listAll(@QueryParam("updatedSince") String updatedSince) {
        if (uriInfo.getQueryParameters().keySet().stream().anyMatch(key -> !key.equals("updatedSince"))) {
            throw ApiError.invalidParams("must NOT have additional properties");
        }
        Optional<Instant> since = Optional.empty();
        if (updatedSince != null && !updatedSince.isEmpty()) {
            since = Optional.of(WireDates.parse(updatedSince).orElseThrow(() -> ApiError.of(
                    "error-roomId-param-invalid", "The \"updatedSince\" query parameter must be a valid date.")));
        }
        return Envelope.success(Jsons.object()
                .add("update", toJson(permissions.listAll(since)))
                .add("remove", Jsons.array()));
    }

    /** The body is validated before the route permission is checked, in Rocket.Chat's order. */
    @POST
    @Path("permissions.update")
    public JsonObject update(JsonObject json) {
        UPDATE.validate(json);
        List<Permissions.Change> changes = json.getJsonArray("permissions").getValuesAs(JsonObject.class).stream()
                .map(p -> new Permissions.Change(p.getString("_id"), p.getJsonArray("roles")
                        .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()))
                .toList();
        changes.forEach(PermissionsResource::requireUniqueRoles);
        return Envelope.success(Jsons.object().add("permissions", toJson(permissions.update(changes))));
    }

    /** The schema's {@code uniqueItems} on each role list, found and worded as ajv does (scanning from the end). */
    static void requireUniqueRoles(Permissions.Change change) {
        List<String> roles = change.roles();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = roles.size() - 1; i >= 0; i--) {
            Integer j = seen.put(roles.get(i), i);
            if (j != null) {
                throw ApiError.invalidParams(
                        "must NOT have duplicate items (items ## " + j + " and " + i + " are identical)");
            }
        }
    }

    static JsonArrayBuilder toJson(List<Permission> all) {
        JsonArrayBuilder array = Jsons.array();
        for (Permission permission : all) {
            JsonArrayBuilder roles = Jsons.array();
            permission.getRoles().forEach(roles::add);
            JsonObjectBuilder json = Jsons.object()
                    .add("_id", permission.getId())
                    .add("roles", roles)
                    .add("_updatedAt", WireDates.format(permission.getUpdatedAt()));
            array.add(json);
        }
        return array;
    }
}
