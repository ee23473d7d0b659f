package org.tokenmint.tokens.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.tokenmint.platform.control.CacheChanges;
import org.tokenmint.tokens.control.TokenCacheNode;

/**
 * Holds back the answer of a request that revoked something until every node's token cache has dropped it. It runs
 * after the resource method, so after the services' transactions have committed; the rule holds for a request that
 * failed after its change was committed as well.
 */
@Provider
@ApplicationScoped
public class CacheBarrierFilter implements ContainerResponseFilter {

    @Inject
    CacheChanges changes;

    @Inject
    TokenCacheNode node;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (changes.changed()) {
            node.awaitEveryNode();
        }
    }
}
