package org.tokenmint.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.tokenmint.access.control.Denial;
import org.tokenmint.access.control.PermissionSubject;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.IssuedToken;
import org.tokenmint.users.control.Users;

/**
 * The one code path that issues tokens, for login and for users.createToken: with the user's row locked, insert
 * the hashed token, prune the oldest beyond the cap and write the audit row, all in the caller's transaction.
 */
@ApplicationScoped
public class TokenIssuer {

    /**
     * The mint in one statement: insert the hashed token, prune the user's oldest beyond the cap (the delete sees
     * the rows before the insert, so it keeps cap - 1 of them), and write the audit row.
     */
    static final String MINT = "WITH new_token AS (INSERT INTO login_tokens (hashed_token, user_id, issued_at) "
            + "VALUES (?1, ?2, ?3) RETURNING id), "
            + "pruned AS (DELETE FROM login_tokens WHERE id IN (SELECT id FROM login_tokens WHERE user_id = ?2 "
            + "ORDER BY issued_at DESC, id DESC OFFSET ?4)), "
            + "audited AS (INSERT INTO token_audit (caller_id, target_id, token_id, minted_at, client_address, contract) "
            + "SELECT CAST(?5 AS varchar), ?2, id, ?3, CAST(?6 AS text), ?7 FROM new_token) "
            + "SELECT id FROM new_token";

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenSettings settings;

    @Inject
    Users users;

    /** users.createToken, documented contract: for oneself, or for anyone with user-generate-access-token. */
    @Transactional(Transactional.TxType.MANDATORY)
    @RequiresPermission(value = Permission.USER_GENERATE_ACCESS_TOKEN, selfAllowed = true,
            denial = Denial.CREATE_TOKEN)
    public IssuedToken mintDocumented(@PermissionSubject String targetId, String callerId, String clientAddress) {
        return issueLocked(targetId, Contract.DOCUMENTED, callerId, clientAddress);
    }

    /** users.createToken, secret contract (secret already checked): the same rule, its own denial body. */
    @Transactional(Transactional.TxType.MANDATORY)
    @RequiresPermission(value = Permission.USER_GENERATE_ACCESS_TOKEN, selfAllowed = true,
            denial = Denial.NOT_AUTHORIZED)
    public IssuedToken mintSecret(@PermissionSubject String targetId, String callerId, String clientAddress) {
        return issueLocked(targetId, Contract.SECRET, callerId, clientAddress);
    }

    /** Issues a token to a user whose row this transaction has not locked yet (login). */
    @Transactional
    public IssuedToken issue(String userId, Contract contract, String callerId, String clientAddress) {
        users.lockById(userId);
        return issueLocked(userId, contract, callerId, clientAddress);
    }

    /** Issues a token to a user whose row the current transaction holds locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public IssuedToken issueLocked(String userId, Contract contract, String callerId, String clientAddress) {
        String token = TokenCodec.newToken();
        Object id = em.createNativeQuery(MINT)
                .setParameter(1, TokenCodec.hash(token))
                .setParameter(2, userId)
                .setParameter(3, WireDates.now())
                .setParameter(4, settings.maxTokensPerUser() - 1)
                .setParameter(5, callerId)
                .setParameter(6, clientAddress)
                .setParameter(7, contract.name())
                .getSingleResult();
        return new IssuedToken(userId, token, ((Number) id).longValue());
    }
}
