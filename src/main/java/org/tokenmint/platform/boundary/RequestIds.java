package org.tokenmint.platform.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.tokenmint.platform.control.Logs;

/**
 * Gives every request an id, for the logs and for the caller: the client's {@code X-Request-Id} when it is a sane
 * value (1 to 128 of letters, digits and {@code . _ : + = / @ -}, as proxies and tracing libraries make them), else a
 * new one (32 hex digits). It is echoed in the response's {@code X-Request-Id} and carried by every line tokenmint
 * logs while serving the request ({@link Logs}). The first filter of all (web.xml), on every dispatch of the
 * request, which keeps its id in an attribute.
 */
public class RequestIds extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = RequestIds.class.getName();
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:+=/@-]{1,128}");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = (String) request.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = idFor(request.getHeader(HEADER));
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(HEADER, id);
        }
        String outer = Logs.requestId();
        Logs.enter(id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                Logs.leave();
            } else {
                Logs.enter(outer);
            }
        }
    }

    /** The client's id when it is sane, else a new one. */
    static String idFor(String offered) {
        if (offered != null && SANE.matcher(offered).matches()) {
            return offered;
        }
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
