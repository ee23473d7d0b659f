package org.tokenmint.platform.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import org.tokenmint.platform.control.ApiError;

/**
 * Refuses a query string whose decoded names or values hold a NUL character, which PostgreSQL cannot store or
 * compare, with the same 400 invalid-params envelope as such a body. It runs after authentication (a stranger
 * still gets the 401) and before rate limiting and every route, so no route has to remember it.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 50)
public class QueryParameterSanity implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (hasNul(parameter.getKey()) || parameter.getValue().stream().anyMatch(QueryParameterSanity::hasNul)) {
                request.abortWith(new ApiErrorMapper().toResponse(
                        ApiError.invalidParams("must NOT contain NUL characters")));
                return;
            }
        }
    }

    static boolean hasNul(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }
}
