package org.tokenmint.sessions.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Optional;
import org.tokenmint.platform.boundary.ApiErrorMapper;
import org.tokenmint.platform.boundary.PublicRoute;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.tokens.control.Tokens;
import org.tokenmint.tokens.entity.LiveToken;

/**
 * Authenticates every matched route that is not a {@link PublicRoute}: {@code X-User-Id} and {@code X-Auth-Token}
 * must name a live token of that user. Every way of failing gets the same 401 body.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    public static final String USER_ID = "X-User-Id";
    public static final String AUTH_TOKEN = "X-Auth-Token";

    @Context
    ResourceInfo resourceInfo;

    @Inject
    Tokens tokens;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic(resourceInfo.getResourceMethod())) {
            return;
        }
        Optional<LiveToken> token = tokens.authenticate(request.getHeaderString(USER_ID),
                request.getHeaderString(AUTH_TOKEN));
        if (token.isEmpty()) {
            request.abortWith(new ApiErrorMapper().toResponse(ApiError.unauthorized()));
            return;
        }
        caller.authenticate(token.get().user(), token.get().tokenId(), token.get().bypassTwoFactor());
    }

    static boolean isPublic(Method method) {
        return method != null && (method.isAnnotationPresent(PublicRoute.class)
                || method.getDeclaringClass().isAnnotationPresent(PublicRoute.class));
    }
}
