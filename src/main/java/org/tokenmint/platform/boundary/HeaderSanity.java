package org.tokenmint.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Normalises the two headers a JAX-RS runtime parses before the application sees the request, so that no client
 * gets the server's own HTML page: {@code Accept} becomes {@code application/json} (Rocket.Chat answers JSON
 * whatever the client accepts), and an unparsable {@code Content-Type} becomes one the body reader refuses
 * with a 415 envelope. The API document ({@link OpenApiDocument}) is no JAX-RS route and keeps the client's
 * {@code Accept}, which chooses between its YAML and JSON forms.
 */
public class HeaderSanity extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String UNPARSABLE = "application/x-unparsable-content-type";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (OpenApiDocument.PATH.equals(request.getServletPath())) {
            // the API document is no JAX-RS route: it answers YAML or JSON as the client's Accept asks
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new Normalised(request, contentType(request.getHeader(HttpHeaders.CONTENT_TYPE))), response);
    }

    static String contentType(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MediaType.valueOf(value).toString().isEmpty() ? UNPARSABLE : value;
        } catch (RuntimeException unparsable) {
            return UNPARSABLE;
        }
    }

    /** The request with its Accept and Content-Type headers replaced. */
    static final class Normalised extends HttpServletRequestWrapper {

        private final String contentType;

        Normalised(HttpServletRequest request, String contentType) {
            super(request);
            this.contentType = contentType;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getHeader(String name) {
            if (HttpHeaders.ACCEPT.equalsIgnoreCase(name)) {
                return MediaType.APPLICATION_JSON;
            }
            if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                return contentType;
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (HttpHeaders.ACCEPT.equalsIgnoreCase(name)) {
                return Collections.enumeration(Collections.singletonList(MediaType.APPLICATION_JSON));
            }
            if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                return contentType == null ? Collections.emptyEnumeration()
                        : Collections.enumeration(Collections.singletonList(contentType));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            java.util.List<String> names = Collections.list(super.getHeaderNames());
            if (names.stream().noneMatch(HttpHeaders.ACCEPT::equalsIgnoreCase)) {
                names.add(HttpHeaders.ACCEPT);
            }
            return Collections.enumeration(names);
        }
    }
}
