package org.tokenmint.tokens.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.tokenmint.platform.boundary.Audited;
import org.tokenmint.platform.boundary.ClientAddress;
import org.tokenmint.platform.boundary.TwoFactor;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.tokens.control.PersonalTokens;
import org.tokenmint.tokens.entity.PersonalToken;

/**
 * The personal access token routes (spec section 9), which Rocket.Chat files under {@code users.*}: token rules.
 * Their order is authentication, rate limit, the two-factor step ({@link TwoFactor}, a filter), the body's
 * {@code tokenName} (here), the permission (at the entry of the control method) and the name's existence (in it).
 */
@RequestScoped
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PersonalTokensResource {

    /** tokenmint's bound on a name (Rocket.Chat sets none), so that no name can break the unique index. */
    static final int MAX_NAME_LENGTH = 255;

    static final ObjectSchema GENERATE = ObjectSchema.object()
            .string("tokenName", true, 1, MAX_NAME_LENGTH)
            .optional("bypassTwoFactor", Type.BOOLEAN).nullable();
    static final ObjectSchema NAMED = ObjectSchema.object()
            .string("tokenName", true, 1, MAX_NAME_LENGTH);

    static final String CONTRACT = "personal";

    @Inject
    PersonalTokens tokens;

    @Inject
    Caller caller;

    @Context
    HttpServletRequest http;

    @POST
    @Path("users.generatePersonalAccessToken")
    @TwoFactor
    @Audited(value = "pat.generate", contract = CONTRACT)
    public JsonObject generate(JsonObject json) {
        http.setAttribute(Audited.TARGET, caller.userId());
        String name = tokenName(json, GENERATE);
        boolean bypass = json.get("bypassTwoFactor") == JsonValue.TRUE;
        return token(tokens.generate(name, bypass, ClientAddress.of(http)));
    }

    @POST
    @Path("users.regeneratePersonalAccessToken")
    @TwoFactor
    @Audited(value = "pat.regenerate", contract = CONTRACT)
    public JsonObject regenerate(JsonObject json) {
        http.setAttribute(Audited.TARGET, caller.userId());
        return token(tokens.regenerate(tokenName(json, NAMED), ClientAddress.of(http)));
    }

    @POST
    @Path("users.removePersonalAccessToken")
    @TwoFactor
    @Audited(value = "pat.remove", contract = CONTRACT)
    public JsonObject remove(JsonObject json) {
        http.setAttribute(Audited.TARGET, caller.userId());
        tokens.remove(tokenName(json, NAMED));
        return Envelope.success();
    }

    @GET
    @Path("users.getPersonalAccessTokens")
    public JsonObject list() {
        var list = Jsons.array();
        for (PersonalToken token : tokens.list()) {
            list.add(Jsons.object().add("name", token.name()).add("createdAt", WireDates.format(token.createdAt()))
                    .add("lastTokenPart", token.lastTokenPart()).add("bypassTwoFactor", token.bypassTwoFactor()));
        }
        return Envelope.success(Jsons.object().add("tokens", list));
    }

    /**
     * The name, as Rocket.Chat's {@code if (!tokenName)}: absent, {@code null}, empty, {@code false} or {@code 0} is
     * its bare "required" error; any other value must be a string of 1 to {@value #MAX_NAME_LENGTH} characters.
     */
    static String tokenName(JsonObject json, ObjectSchema schema) {
        JsonValue name = json.get("tokenName");
        if (name == null || name == JsonValue.NULL || name == JsonValue.FALSE
                || (name instanceof JsonString text && text.getString().isEmpty())
                || (name instanceof JsonNumber number && number.doubleValue() == 0)) {
            throw ApiError.bare("The 'tokenName' param is required");
        }
        schema.validate(json);
        return ((JsonString) name).getString();
    }

    private static JsonObject token(String token) {
        return Envelope.success(Jsons.object().add("token", token));
    }
}
