package org.tokenmint.tokens.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.tokenmint.platform.boundary.Audited;
import org.tokenmint.platform.boundary.ClientAddress;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.JsonBody;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.tokens.control.CreateTokenRequest;
import org.tokenmint.tokens.control.TokenSettings;
import org.tokenmint.tokens.control.Tokens;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.IssuedToken;

/**
 * The token routes that Rocket.Chat files under {@code users.*}: {@code users.createToken} and {@code users.logout}.
 * They live here because their rules are token rules.
 */
@RequestScoped
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    static final ObjectSchema LOGOUT = ObjectSchema.object()
            .optional("userId", Type.STRING).nullable()
            .noAdditionalProperties();

    @Inject
    Tokens tokens;

    @Inject
    TokenSettings settings;

    @Inject
    Caller caller;

    @Context
    HttpServletRequest http;

    @POST
    @Path("users.createToken")
    @Audited("mint")
    public JsonObject createToken(JsonObject json) {
        http.setAttribute(Audited.CONTRACT,
                (settings.secretContract() ? Contract.SECRET : Contract.DOCUMENTED).wireName());
        CreateTokenRequest request = CreateTokenRequest.parse(json, settings.secretContract());
        http.setAttribute(Audited.TARGET, auditTarget(request));
        IssuedToken issued = tokens.createToken(request, ClientAddress.of(http));
        http.setAttribute(Audited.TARGET, issued.userId());
        return Envelope.success(Jsons.object().add("data", Jsons.object()
                .add("userId", issued.userId())
                .add("authToken", issued.authToken())));
    }

    /** The user as the request names them, for the audit line: {@code userId:<id>} or {@code username:<name>}. */
    private static String auditTarget(CreateTokenRequest request) {
        if (CreateTokenRequest.given(request.userId())) {
            return "userId:" + request.userId();
        }
        String name = CreateTokenRequest.given(request.username()) ? request.username() : request.user();
        return CreateTokenRequest.given(name) ? "username:" + name : null;
    }

    /** Revokes every token of the user named, or of the caller. */
    @POST
    @Path("users.logout")
    public JsonObject logout(JsonObject json) {
        LOGOUT.validate(json);
        String userId = Optional.ofNullable(JsonBody.optionalString(json, "userId"))
                .filter(id -> !id.isEmpty()).orElse(caller.userId());
        tokens.logOut(userId);
        return Envelope.success(Jsons.object().add("message", "User " + userId + " has been logged out!"));
    }
}
