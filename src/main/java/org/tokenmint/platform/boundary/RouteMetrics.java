package org.tokenmint.platform.boundary;

import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.tokenmint.platform.control.Metrics;

/**
 * Times every matched route, from before authentication to its answer ({@code tokenmint.http.requests}, by method,
 * route and status), refusals included. A request that matches no route is not timed: its path is the client's.
 */
@Provider
@Priority(100)
public class RouteMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RouteMetrics.class.getName() + ".started";

    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<Method, String> routes = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Inject
    Metrics metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        Method method = resource.getResourceMethod();
        if (!(started instanceof Long start) || method == null) {
            return;
        }
        String route = routes.computeIfAbsent(method, RouteMetrics::template);
        String httpMethod = request.getMethod();
        int status = response.getStatus();
        timers.computeIfAbsent(httpMethod + " " + route + " " + status, key -> metrics.timer("tokenmint.http.requests",
                "Time from before authentication to the answer, per route", "method", httpMethod, "route", route,
                "status", Integer.toString(status)))
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /** The route's path template: the class's {@code @Path} and the method's, e.g. {@code /api/v1/users.createToken}. */
    static String template(Method method) {
        StringBuilder path = new StringBuilder();
        for (Path part : new Path[] {method.getDeclaringClass().getAnnotation(Path.class), method.getAnnotation(Path.class)}) {
            if (part != null) {
                String value = part.value().replaceAll("^/+|/+$", "");
                if (!value.isEmpty()) {
                    path.append('/').append(value);
                }
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }
}
