package org.tokenmint.sessions.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.tokenmint.platform.boundary.ApiErrorMapper;
import org.tokenmint.platform.boundary.ClientAddress;
import org.tokenmint.platform.boundary.TwoFactor;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.sessions.control.TwoFactorStep;

/**
 * The two-factor step of every {@link TwoFactor} route, after authentication and the rate limit (its priority comes
 * after {@link RateLimitFilter}'s) and before the route reads its body, as Rocket.Chat orders them. Bound by name: JAX-RS
 * runs it for {@link TwoFactor} routes only.
 */
@TwoFactor
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 200)
public class TwoFactorFilter implements ContainerRequestFilter {

    public static final String METHOD = "x-2fa-method";
    public static final String CODE = "x-2fa-code";

    @Context
    HttpServletRequest http;

    @Inject
    Caller caller;

    @Inject
    TwoFactorStep step;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!caller.isAuthenticated()) {
            return;
        }
        try {
            step.check(caller, request.getHeaderString(METHOD), request.getHeaderString(CODE), ClientAddress.of(http),
                    request.getHeaderString("User-Agent"));
        } catch (ApiError refused) {
            request.abortWith(new ApiErrorMapper().toResponse(refused));
        }
    }
}
