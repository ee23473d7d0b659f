package org.tokenmint.platform.boundary;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.JsonBody;
import org.tokenmint.platform.control.Logs;

/**
 * Gives a request body a deadline. Servlet containers only time out a connection that is idle, so a client that
 * trickles its body a byte a second would hold a request thread (or, buffered by the server, a connection) for as
 * long as it likes. A body that is already in the server's buffer when the request starts (the usual small JSON
 * body) is read at once. Any other is read within {@link #DEADLINE_MILLIS} or answered 408 with the invalid-params
 * envelope, and the connection closed: on WildFly without a waiting thread (servlet async I/O, then the request is
 * dispatched again with the bytes in memory), on Payara on the request thread ({@link #readOnThisThread}). At most
 * {@link JsonBody#MAX_BYTES} and one byte more are read, so that the body reader still answers an oversized body with
 * its 413. Either way the route reads the body from memory, and the whole body is read whatever the route does.
 * Requests without a body pass straight through.
 *
 * <p>Mapped in {@code WEB-INF/web.xml}, after {@link HeaderSanity} and before every filter that must see the
 * whole request once (they run on the re-dispatch).
 */
public class BodyDeadline extends HttpFilter {

    /** From the end of the headers to the last byte of the body. */
    static final long DEADLINE_MILLIS = 10_000;
    static final String TIMEOUT_REASON = "The request body must arrive within " + DEADLINE_MILLIS / 1000 + " seconds";
    private static final String BODY = BodyDeadline.class.getName() + ".body";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logs.of(BodyDeadline.class);

    @Inject
    transient RequestContextController requestContext;

    /** Payara: see {@link #readOnThisThread}. */
    private boolean blockingReads;

    @Override
    public void init() throws ServletException {
        super.init();
        String server = getServletContext().getServerInfo();
        blockingReads = server != null && server.toLowerCase(Locale.ROOT).matches(".*(payara|glassfish).*");
        LOG.fine(() -> "Request bodies that have not arrived are read " + (blockingReads ? "on the request thread"
                : "with servlet async I/O") + " on " + server);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY) instanceof byte[] body) {
            request.removeAttribute(BODY);
            // defensive: a container may run an async dispatch without a CDI request context (Payara's did, before
            // Payara took the blocking way); then one is activated for the routes
            boolean activated = requestContext.activate();
            try {
                chain.doFilter(new Buffered(request, body), response);
            } finally {
                if (activated) {
                    requestContext.deactivate();
                }
            }
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)
                || !request.isAsyncSupported()) {
            chain.doFilter(request, response);
            return;
        }
        long length = request.getContentLengthLong();
        if (arrived(request, length)) {
            // read here even so: a route that fails before it reads its body would leave it unread, and Payara
            // closes a connection after such an answer (max-swallowing-input-bytes 0), failing the client's next
            // request on it
            chain.doFilter(new Buffered(request, request.getInputStream().readNBytes((int) length)), response);
            return;
        }
        if (blockingReads) {
            readOnThisThread(request, response, chain);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(DEADLINE_MILLIS);
        Reading reading = new Reading(async, request.getInputStream());
        async.addListener(reading);
        reading.in.setReadListener(reading);
    }

    /**
     * Payara: reads on the request thread and checks the deadline after each read; a client that sends nothing is
     * cut off by the server's read timeout ({@code read-timeout-millis}, 10 s in server-config). On Payara 6 a
     * request whose body was read through servlet async I/O and then re-dispatched sometimes left its connection
     * unable to serve the next request (it hung until the client gave up: 2 to 7 in 60 such requests followed by a
     * GET), so the async way is WildFly's only. Payara has 200 request threads by default, and a slow body holds one
     * for at most the deadline.
     */
    private static void readOnThisThread(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long end = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = request.getInputStream();
            for (int n; bytes.size() <= JsonBody.MAX_BYTES && (n = in.read(buffer)) != -1; ) {
                bytes.write(buffer, 0, n);
                if (System.nanoTime() - end > 0) {
                    tooSlow(response);
                    return;
                }
            }
        } catch (IOException timedOutOrGone) {
            LOG.log(Level.FINE, "A request body could not be read in time", timedOutOrGone);
            tooSlow(response);
            return;
        }
        chain.doFilter(new Buffered(request, bytes.toByteArray()), response);
    }

    /** The 408 envelope, and the connection closed after it. */
    static void tooSlow(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        ErrorPage.send(response, ApiError.invalidParams(408, TIMEOUT_REASON));
    }

    /**
     * Whether the whole body is already in the server's buffer (the usual case: a small JSON body comes with the
     * headers), so that reading it on this thread cannot wait for the client.
     */
    private static boolean arrived(HttpServletRequest request, long length) throws IOException {
        return length > 0 && length <= JsonBody.MAX_BYTES && request.getInputStream().available() >= length;
    }

    /** A body is announced by a positive Content-Length or by Transfer-Encoding (chunked). */
    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The body's bytes as they arrive; ends once, by the last byte, the size bound, the deadline or an error. */
    private static final class Reading implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        private final AtomicBoolean ended = new AtomicBoolean();

        Reading(AsyncContext async, ServletInputStream in) {
            this.async = async;
            this.in = in;
        }

        @Override
        public void onDataAvailable() throws IOException {
            if (ended.get()) {
                return;
            }
            while (in.isReady() && !in.isFinished()) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                bytes.write(buffer, 0, n);
                if (bytes.size() > JsonBody.MAX_BYTES) {
                    dispatch();
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            dispatch();
        }

        @Override
        public void onError(Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                LOG.log(Level.FINE, "A request body could not be read; the client left", failure);
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            try {
                tooSlow((HttpServletResponse) async.getResponse());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Could not answer a request whose body came too slowly", e);
            } finally {
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // nothing kept
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // the re-dispatched request may go async again (RevocationBarrier); that is not this body's business
        }

        private void dispatch() {
            if (ended.compareAndSet(false, true)) {
                async.getRequest().setAttribute(BODY, bytes.toByteArray());
                async.dispatch();
            }
        }
    }

    /**
     * The request with its body already in memory. It hands out one stream, however often it is asked, as a servlet
     * request does: on Payara Server 6 the JAX-RS runtime asks for the stream again as it reads, and a new stream
     * per call gave the body's first bytes again and again (every request with a body was refused with the 413
     * envelope). Payara Micro and WildFly ask once.
     */
    static final class Buffered extends HttpServletRequestWrapper {

        private final byte[] body;
        private ServletInputStream stream;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public synchronized ServletInputStream getInputStream() {
            if (stream == null) {
                stream = open();
            }
            return stream;
        }

        private ServletInputStream open() {
            ByteArrayInputStream source = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return source.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return source.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return source.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body is already read");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
