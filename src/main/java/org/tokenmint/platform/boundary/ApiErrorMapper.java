package org.tokenmint.platform.boundary;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.tokenmint.platform.control.ApiError;

/** Domain and validation failures: the envelope the error carries, with its status. */
@Provider
public class ApiErrorMapper implements ExceptionMapper<ApiError> {

    @Override
    public Response toResponse(ApiError error) {
        return Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body()).build();
    }
}
