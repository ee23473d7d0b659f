package org.tokenmint.platform.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.tokenmint.platform.control.ApiError;

/**
 * The servlet container's error page (WEB-INF/web.xml): what the container itself refuses before JAX-RS sees it
 * (an unknown HTTP method, say) is answered with a Rocket.Chat envelope too, never an HTML page.
 */
@WebServlet(urlPatterns = ErrorPage.PATH)
public class ErrorPage extends HttpServlet {

    static final String PATH = "/_error";
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given && given >= 400 ? given : 404;
        send(response, ApiError.status(status, WebApplicationExceptionMapper.reason(status)));
    }

    /** Writes an envelope with the contract's headers, where no JAX-RS runtime is there to do it. */
    static void send(HttpServletResponse response, ApiError error) throws IOException {
        byte[] body = error.body().toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(error.status());
        response.setHeader("Content-Type", "application/json");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
