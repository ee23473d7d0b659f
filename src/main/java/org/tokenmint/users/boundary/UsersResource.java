package org.tokenmint.users.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.JsonBody;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.sessions.entity.Caller;
import org.tokenmint.tokens.control.CreateTokenRequest;
import org.tokenmint.tokens.control.TokenSettings;
import org.tokenmint.tokens.control.Tokens;
import org.tokenmint.tokens.entity.IssuedToken;
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
    Tokens tokens;

    @Inject
    TokenSettings settings;

    @Inject
    Caller caller;

    @Inject
    HttpServletRequest http;

    @POST
    @Path("users.createToken")
    public JsonObject createToken(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        CreateTokenRequest request = CreateTokenRequest.parse(JsonBody.read(contentType, body),
                settings.secretContract());
        IssuedToken issued = tokens.createToken(request, caller.userId(), http.getRemoteAddr());
        return Envelope.success(Json.createObjectBuilder().add("data", Json.createObjectBuilder()
                .add("userId", issued.userId())
                .add("authToken", issued.authToken())));
    }

    @POST
    @Path("users.create")
    public JsonObject create(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        JsonObject json = JsonBody.read(contentType, body);
        CREATE.validate(json);
        Optional<List<String>> roles = Optional.ofNullable(json.getJsonArray("roles"))
                .map(array -> array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        User user = users.create(new NewUser(json.getString("username"), json.getString("name"),
                json.getString("email"), json.getString("password"), flag(json, "active", true), roles,
                flag(json, "verified", false),
                Optional.ofNullable(json.get("requirePasswordChange")).filter(v -> v != JsonValue.NULL)
                        .map(JsonValue.TRUE::equals),
                flag(json, "setRandomPassword", false)));
        return Envelope.success(Json.createObjectBuilder().add("user", UserJson.created(user)));
    }

    static boolean flag(JsonObject json, String name, boolean fallback) {
        JsonValue value = json.get(name);
        return value == null || value == JsonValue.NULL ? fallback : value == JsonValue.TRUE;
    }
}
