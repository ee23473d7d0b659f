package org.tokenmint.platform.boundary;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Logs;

/**
 * Anything unexpected: 500 with the generic body, the cause logged. An {@link ApiError} wrapped by a container
 * layer (a transaction interceptor, say, or RESTEasy around {@link JsonBodyReader}) still gets its own answer.
 */
@Provider
public class FallbackExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logs.of(FallbackExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiError error) {
                return new ApiErrorMapper().toResponse(error);
            }
        }
        LOG.log(Level.SEVERE, "Request failed", exception);
        return Response.serverError().type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.status(500, "Internal server error").body()).build();
    }
}
