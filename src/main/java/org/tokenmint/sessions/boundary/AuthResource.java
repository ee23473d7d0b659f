package org.tokenmint.sessions.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.tokenmint.platform.boundary.Audited;
import org.tokenmint.platform.boundary.ClientAddress;
import org.tokenmint.platform.boundary.PublicRoute;
import org.tokenmint.platform.boundary.RateLimited;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.sessions.control.LoginRequest;
import org.tokenmint.sessions.control.Logins;
import org.tokenmint.tokens.control.Tokens;

/** {@code login}, {@code logout} and {@code me}. */
@RequestScoped
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    Logins logins;

    @Inject
    Tokens tokens;

    @Inject
    Caller caller;

    @Context
    HttpServletRequest http;

    @Context
    UriInfo uriInfo;

    @POST
    @Path("login")
    @PublicRoute
    @RateLimited
    @Audited("login")
    public JsonObject login(JsonObject json) {
        LoginRequest request = LoginRequest.parse(json);
        http.setAttribute(Audited.CONTRACT, request.resume().isPresent() ? "resume" : "password");
        http.setAttribute(Audited.TARGET, auditTarget(request));
        Logins.Session session = logins.login(request, ClientAddress.of(http));
        http.setAttribute(Audited.TARGET, session.user().id());
        return Envelope.success(Jsons.object()
                .add("status", "success")
                .add("data", Jsons.object()
                        .add("userId", session.user().id())
                        .add("authToken", session.authToken())
                        .add("me", MeJson.of(session.user(), uriInfo.getBaseUri()))));
    }

    /** Revokes the presented token only. Rocket.Chat's answer carries no {@code success} key. */
    /**
     * The login name as sent, for a refusal's audit line: {@code username:<name>} or {@code email:<address>}, cut at
     * 64 characters; never a resume token, which logs in.
     */
    private static String auditTarget(LoginRequest request) {
        if (request.resume().isPresent()) {
            return null;
        }
        String named = request.username().map(name -> "username:" + name)
                .or(() -> request.email().map(address -> "email:" + address)).orElse(null);
        return named == null || named.length() <= 64 ? named : named.substring(0, 64);
    }

    @POST
    @Path("logout")
    public JsonObject logout() {
        return revokePresentedToken();
    }

    /** Rocket.Chat registers logout for GET as well. */
    @GET
    @Path("logout")
    public JsonObject logoutByGet() {
        return revokePresentedToken();
    }

    JsonObject revokePresentedToken() {
        tokens.revoke(caller.tokenId());
        return Jsons.object()
                .add("status", "success")
                .add("data", Jsons.object().add("message", "You've been logged out!"))
                .build();
    }

    @GET
    @Path("me")
    public JsonObject me() {
        return Envelope.success(MeJson.of(caller.profile(), uriInfo.getBaseUri()));
    }
}
