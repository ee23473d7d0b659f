package org.tokenmint.platform.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Logs;

/**
 * What the JAX-RS runtime itself refuses (unknown route, method not allowed, unreadable parameter): its status
 * kept, its headers kept (Allow), the body a Rocket.Chat envelope. The exception's message is never echoed.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    private static final Logger LOG = Logs.of(WebApplicationExceptionMapper.class);

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            LOG.log(Level.SEVERE, "Request failed", exception);
        }
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.status(status, reason(status)).body());
        if (original != null && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            answer.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return answer.build();
    }

    static String reason(int status) {
        if (status == 404) {
            return "API endpoint does not exist";
        }
        if (status == 500) {
            return "Internal server error";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Bad request" : known.getReasonPhrase();
    }
}
