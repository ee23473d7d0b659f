package org.tokenmint.platform.boundary;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.tokenmint.platform.control.JsonBody;

/**
 * The one way a request body enters: a resource method takes a {@link JsonObject} parameter, and this reader fills
 * it through {@link JsonBody#read}, whatever the request's {@code Content-Type}. So an empty body is an empty object
 * (never {@code null}), and a body of another type, oversized, not UTF-8, malformed, not an object or holding a NUL
 * is refused with the same {@code invalid-params} envelopes as before, before the route runs.
 *
 * <p>It wins over the servers' own JSON-P and JSON-B readers on both runtimes: RESTEasy (WildFly) first prefers the
 * reader whose declared media type matches the request most closely, then an application's reader over its own, so
 * this one declares the JSON types those readers declare as well as every other type; Jersey (Payara) first prefers
 * the reader of the nearest Java type, and no built-in one reads {@code JsonObject} itself. A request without
 * {@code Content-Type} still reaches it (RESTEasy then asks for the wildcard type, Jersey for
 * {@code application/octet-stream}), so the decision stays {@link JsonBody}'s, on the header as the client sent it.
 *
 * <p>Its refusals are {@link org.tokenmint.platform.control.ApiError}s. RESTEasy wraps what a reader throws in a
 * {@code ReaderException}, which {@link FallbackExceptionMapper} unwraps; Jersey wraps it in a {@code
 * MappableException}, which it unwraps itself before {@link ApiErrorMapper} answers. Neither adds a 400 of its own.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json", MediaType.WILDCARD})
public class JsonBodyReader implements MessageBodyReader<JsonObject> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> headers, InputStream body) throws WebApplicationException {
        return JsonBody.read(headers.getFirst(HttpHeaders.CONTENT_TYPE), body);
    }
}
