package org.tokenmint.tokens.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tokenmint.platform.control.Logs;
import org.tokenmint.platform.control.Metrics;
import org.tokenmint.tokens.control.Revocations;
import org.tokenmint.tokens.control.TokenCacheNode;

/**
 * Holds back the answer of a request that revoked something until every node's token cache has dropped it. The
 * routes run with their answer kept in memory; if a transaction of theirs committed a revocation
 * ({@link Revocations}), the request is suspended (servlet async: neither a thread nor a connection waits) until
 * {@link TokenCacheNode#afterRevocation} completes, then the kept answer is sent. The rule holds for a request that
 * failed after its revocation committed as well.
 */
public class RevocationBarrier extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logs.of(RevocationBarrier.class);
    /** The servlet container's own bound on a suspended request, beyond the node's give-up time. */
    static final long ASYNC_TIMEOUT_MILLIS = 150_000;

    @Inject
    transient Revocations revocations;

    @Inject
    transient TokenCacheNode node;

    @Inject
    transient Metrics metrics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        revocations.begin();
        KeptResponse kept = new KeptResponse(response);
        chain.doFilter(request, kept);
        if (!revocations.committed()) {
            kept.send();
            return;
        }
        long waiting = System.nanoTime();
        CompletableFuture<Void> done = node.afterRevocation().toCompletableFuture();
        done.whenComplete((ignored, failure) -> metrics.timer("tokenmint.revocation.wait",
                "How long an answer that revoked something waited for every node's cache")
                .record(System.nanoTime() - waiting, TimeUnit.NANOSECONDS));
        if (done.isDone() || !request.isAsyncSupported()) {
            awaitQuietly(done);
            kept.send();
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(ASYNC_TIMEOUT_MILLIS);
        done.whenComplete((ignored, failure) -> async.start(() -> {
            try {
                kept.send();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Could not send an answer held for a revocation; the client left", e);
            } finally {
                async.complete();
            }
        }));
    }

    /** Without servlet async (a filter of the server's own that does not support it): waits on this thread. */
    private static void awaitQuietly(CompletableFuture<Void> done) {
        try {
            done.get(ASYNC_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "A revocation's wait for every node ended without an answer", e);
        }
    }
}
