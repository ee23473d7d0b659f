package org.tokenmint.users.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.tokenmint.access.control.Permissions;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.JsonBody;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.platform.control.Paging;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.users.control.Users;
import org.tokenmint.users.entity.NewUser;
import org.tokenmint.users.entity.User;

/** The {@code users.*} routes. */
@RequestScoped
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    /** Rocket.Chat's users.create schema, with upper bounds on lengths so that no value can break storage. */
    static final ObjectSchema CREATE = ObjectSchema.object()
            .string("email", true, 0, 254)
            .string("name", true, 0, 255)
            .string("password", true, 0, 1024)
            .string("username", true, 0, 120)
            .optional("active", Type.BOOLEAN).nullable()
            .string("bio", false, 0, 4096).nullable()
            .string("nickname", false, 0, 255).nullable()
            .string("statusText", false, 0, 255).nullable()
            .arrayOf("roles", false, Type.STRING)
            .optional("joinDefaultChannels", Type.BOOLEAN).nullable()
            .optional("requirePasswordChange", Type.BOOLEAN).nullable()
            .optional("setRandomPassword", Type.BOOLEAN).nullable()
            .optional("sendWelcomeEmail", Type.BOOLEAN).nullable()
            .optional("verified", Type.BOOLEAN).nullable()
            .optional("customFields", Type.OBJECT)
            .noAdditionalProperties();

    @Inject
    Users users;

    @Inject
    Caller caller;

    @Inject
    Permissions permissions;

    @Context
    UriInfo uriInfo;

    @POST
    @Path("users.create")
    public JsonObject create(JsonObject json) {
        CREATE.validate(json);
        Optional<List<String>> roles = Optional.ofNullable(json.getJsonArray("roles"))
                .map(array -> array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        User user = users.create(new NewUser(json.getString("username"), json.getString("name"),
                json.getString("email"), json.getString("password"), flag(json, "active", true), roles,
                flag(json, "verified", false),
                Optional.ofNullable(json.get("requirePasswordChange")).filter(v -> v != JsonValue.NULL)
                        .map(JsonValue.TRUE::equals),
                flag(json, "setRandomPassword", false)));
        return Envelope.success(Jsons.object().add("user", UserJson.created(user)));
    }

    static final ObjectSchema SET_ACTIVE_STATUS = ObjectSchema.object()
            .required("userId", Type.STRING)
            .required("activeStatus", Type.BOOLEAN)
            .optional("confirmRelinquish", Type.BOOLEAN)
            .noAdditionalProperties();

    /** {@code userId} or {@code username}, exactly one (Rocket.Chat's anyOf of closed schemas). */
    @GET
    @Path("users.info")
    public JsonObject info() {
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        if (!query.containsKey("userId") && !query.containsKey("username")) {
            throw ApiError.invalidParams("must have required property 'userId'");
        }
        if (query.keySet().size() > 1) {
            throw ApiError.invalidParams("must NOT have additional properties");
        }
        String userId = query.getFirst("userId");
        String username = query.getFirst("username");
        if ((userId == null || userId.isEmpty()) && (username == null || username.isEmpty())) {
            throw ApiError.bare("Invalid search query.");
        }
        User user = (userId != null ? users.findById(userId) : users.findByUsername(username))
                .orElseThrow(() -> ApiError.bare("User not found."));
        return Envelope.success(Jsons.object().add("user", UserJson.info(user, seesAll(user))));
    }

    /** Sorted by username; {@code count} and {@code offset} as everywhere in Rocket.Chat. */
    @GET
    @Path("users.list")
    public JsonObject list() {
        Paging paging = Paging.of(uriInfo.getQueryParameters());
        boolean full = permissions.has(caller, Permission.VIEW_FULL_OTHER_USER_INFO);
        JsonArrayBuilder page = Jsons.array();
        List<User> found = users.page(paging.offset(), paging.count());
        found.forEach(user -> page.add(UserJson.info(user, full || user.getId().equals(caller.userId()))));
        return Envelope.success(Jsons.object()
                .add("users", page)
                .add("count", found.size())
                .add("offset", paging.offset())
                .add("total", users.countAll()));
    }

    @POST
    @Path("users.setActiveStatus")
    public JsonObject setActiveStatus(JsonObject json) {
        SET_ACTIVE_STATUS.validate(json);
        User user = users.setActiveStatus(json.getString("userId"), json.getBoolean("activeStatus"));
        return Envelope.success(Jsons.object().add("user", Jsons.object()
                .add("_id", user.getId())
                .add("active", user.isActive())));
    }

    @POST
    @Path("users.delete")
    public JsonObject delete(JsonObject json) {
        users.delete(JsonBody.optionalString(json, "userId"),
                JsonBody.optionalString(json, "username"), JsonBody.optionalString(json, "user"));
        return Envelope.success();
    }

    boolean seesAll(User user) {
        return user.getId().equals(caller.userId()) || permissions.has(caller, Permission.VIEW_FULL_OTHER_USER_INFO);
    }

    static boolean flag(JsonObject json, String name, boolean fallback) {
        JsonValue value = json.get(name);
        return value == null || value == JsonValue.NULL ? fallback : value == JsonValue.TRUE;
    }
}
