package org.tokenmint.platform.boundary;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import org.tokenmint.platform.control.Logs;
import org.tokenmint.platform.control.Metrics;
import org.tokenmint.platform.entity.Caller;

/**
 * Writes the audit line of an {@link Audited} route once its answer is known, and counts it
 * ({@code tokenmint.<event>s} by outcome, status and contract), refusals included: event, outcome
 * ({@code success} or {@code refused}), status, error (the envelope's {@code errorType} or {@code error}), caller
 * (the authenticated user's id), target, contract and client address. Never a token, hash, password or secret: the
 * fields come from the answer's status and error and from what the route names, not from bodies.
 */
@Provider
public class AuditLine implements ContainerResponseFilter {

    private static final Logger LOG = Logs.of(AuditLine.class);

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest http;

    @Inject
    Caller caller;

    @Inject
    Metrics metrics;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Method method = resource.getResourceMethod();
        Audited audited = method == null ? null : method.getAnnotation(Audited.class);
        if (audited == null) {
            return;
        }
        boolean success = response.getStatus() / 100 == 2;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("outcome", success ? "success" : "refused");
        fields.put("status", Integer.toString(response.getStatus()));
        fields.put("error", success ? null : error(response.getEntity()));
        fields.put("caller", caller.isAuthenticated() ? caller.userId() : null);
        fields.put("target", (String) request.getProperty(Audited.TARGET));
        Object contract = request.getProperty(Audited.CONTRACT);
        fields.put("contract", contract != null ? (String) contract
                : audited.contract().isEmpty() ? null : audited.contract());
        fields.put("client", ClientAddress.of(http));
        Logs.audit(LOG, audited.value(), fields);
        metrics.counter("tokenmint." + audited.value() + "s", "Answers of the " + audited.value() + " route",
                "outcome", fields.get("outcome"), "status", fields.get("status"),
                "contract", Objects.requireNonNullElse(fields.get("contract"), "-")).increment();
    }

    private static String error(Object entity) {
        if (entity instanceof JsonObject envelope) {
            for (String key : new String[] {"errorType", "error"}) {
                if (envelope.get(key) instanceof JsonString text) {
                    return text.getString();
                }
            }
        }
        return null;
    }
}
