package org.tokenmint.sessions.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.tokenmint.platform.boundary.ClientAddress;
import org.tokenmint.platform.boundary.PublicRoute;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.sessions.control.MetricsReading;
import org.tokenmint.tokens.control.Tokens;
import org.tokenmint.tokens.entity.LiveToken;

/**
 * {@code GET /api/metrics}: the node's meters in Prometheus' text format, at a path neither server uses for its own
 * (both serve {@code /metrics}). Open to a client whose address is in {@code TOKENMINT_METRICS_ALLOW} (a scraper),
 * otherwise to an authenticated caller holding {@code view-metrics} (role {@code admin} by default). Refusals are
 * Rocket.Chat's 401 and 403 envelopes.
 */
@RequestScoped
@Path("api")
public class MetricsResource {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    Tokens tokens;

    @Inject
    Caller caller;

    @Inject
    MetricsReading reading;

    @Context
    HttpServletRequest http;

    @GET
    @Path("metrics")
    @PublicRoute
    public Response metrics(@HeaderParam(AuthenticationFilter.USER_ID) String userId,
            @HeaderParam(AuthenticationFilter.AUTH_TOKEN) String authToken) {
        String text;
        if (reading.allows(ClientAddress.of(http))) {
            text = reading.forAllowedAddress();
        } else {
            LiveToken token = tokens.authenticate(userId, authToken).orElseThrow(ApiError::unauthorized);
            caller.authenticate(token.user(), token.tokenId());
            text = reading.forCaller();
        }
        return Response.ok(text).type(PROMETHEUS_TEXT).build();
    }
}
