package org.tokenmint.sessions.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import org.tokenmint.access.control.Permissions;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.boundary.ApiErrorMapper;
import org.tokenmint.platform.boundary.ClientAddress;
import org.tokenmint.platform.boundary.RateLimited;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Metrics;
import org.tokenmint.platform.control.RateLimiter;
import org.tokenmint.platform.entity.Caller;

/**
 * Rate limiting after authentication, per client address and route, as Rocket.Chat: authenticated routes and
 * {@code login}; callers holding api-bypass-rate-limit are never limited. Limited responses carry the
 * {@code X-RateLimit-*} headers; the call over the limit gets Rocket.Chat's 429.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 100)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    @Context
    ResourceInfo resourceInfo;

    @Inject
    RateLimiter limiter;

    @Inject
    Permissions permissions;

    @Inject
    Caller caller;

    @Context
    HttpServletRequest http;

    @Inject
    Metrics metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        if (method == null || !limiter.isEnabled()
                || (AuthenticationFilter.isPublic(method) && !method.isAnnotationPresent(RateLimited.class))
                || (caller.isAuthenticated() && permissions.has(caller, Permission.API_BYPASS_RATE_LIMIT))) {
            return;
        }
        long now = System.currentTimeMillis();
        RateLimiter.Decision decision = limiter.hit(ClientAddress.of(http) + " " + request.getMethod() + " "
                + method.getDeclaringClass().getName() + "." + method.getName(), now);
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
            metrics.counter("tokenmint.rate.limit.rejections", "Calls refused with 429 by the per-route rate limiter")
                    .increment();
            request.abortWith(new ApiErrorMapper().toResponse(ApiError.status(429, "Error, too many requests. "
                    + "Please slow down. You must wait " + decision.secondsToWait(now) + " seconds before trying "
                    + "this endpoint again. [error-too-many-requests]")));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("X-RateLimit-Limit", String.valueOf(decision.limit()));
            headers.putSingle("X-RateLimit-Remaining", String.valueOf(decision.remaining()));
            headers.putSingle("X-RateLimit-Reset", String.valueOf(decision.resetAtMillis()));
        }
    }
}
