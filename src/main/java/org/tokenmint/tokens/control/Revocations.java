package org.tokenmint.tokens.control;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import org.tokenmint.access.entity.RolesChanged;
import org.tokenmint.tokens.entity.TokensRevoked;

/**
 * Whether this request committed a change that cached tokens depend on. Only committed work counts: the observers
 * run after a successful commit, so rolled-back work waits for nothing. Work outside a request (the purge) is not
 * observed ({@code IF_EXISTS}: the request's instance exists only once {@link #begin} was called).
 */
@RequestScoped
public class Revocations {

    private boolean committed;

    /** Called first thing in a request that may revoke; it also makes this request's instance exist. */
    public void begin() {
        committed = false;
    }

    /** Whether the request must wait until every node's cache has dropped what it changed. */
    public boolean committed() {
        return committed;
    }

    void tokensRevoked(@Observes(notifyObserver = Reception.IF_EXISTS, during = TransactionPhase.AFTER_SUCCESS)
            TokensRevoked revoked) {
        committed = true;
    }

    void rolesChanged(@Observes(notifyObserver = Reception.IF_EXISTS, during = TransactionPhase.AFTER_SUCCESS)
            RolesChanged changed) {
        committed = true;
    }
}
