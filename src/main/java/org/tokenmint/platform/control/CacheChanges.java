package org.tokenmint.platform.control;

import jakarta.enterprise.context.RequestScoped;

/**
 * Whether this request changed something cached tokens depend on (a token removed, a user deactivated, deleted or
 * given other roles). If so, {@code CacheBarrierFilter} waits after the commit until every node has dropped it, so
 * the answer is only sent once no node accepts what was revoked.
 */
@RequestScoped
public class CacheChanges {

    private boolean changed;

    public void record() {
        changed = true;
    }

    public boolean changed() {
        return changed;
    }
}
