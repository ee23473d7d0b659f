package org.tokenmint.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.tokenmint.access.control.Denial;
import org.tokenmint.access.control.PermissionSubject;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.IssuedToken;
import org.tokenmint.tokens.entity.LoginToken;
import org.tokenmint.tokens.entity.TokenAudit;
import org.tokenmint.users.entity.User;

/**
 * The one code path that issues tokens, for login and for users.createToken: lock the user, insert the hashed
 * token, prune the oldest beyond the cap, write the audit row, all in the caller's transaction.
 */
@ApplicationScoped
public class TokenIssuer {

    static final String PRUNE = "DELETE FROM login_tokens WHERE id IN (SELECT id FROM login_tokens "
            + "WHERE user_id = ?1 ORDER BY issued_at DESC, id DESC OFFSET ?2)";

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenSettings settings;

    /** users.createToken, documented contract: for oneself, or for anyone with user-generate-access-token. */
    @Transactional(Transactional.TxType.MANDATORY)
    @RequiresPermission(value = Permission.USER_GENERATE_ACCESS_TOKEN, selfAllowed = true,
            denial = Denial.CREATE_TOKEN)
    public IssuedToken mintDocumented(@PermissionSubject String targetId, String callerId, String clientAddress) {
        return issue(em.find(User.class, targetId), Contract.DOCUMENTED, callerId, clientAddress);
    }

    /** users.createToken, secret contract (secret already checked): the same rule, its own denial body. */
    @Transactional(Transactional.TxType.MANDATORY)
    @RequiresPermission(value = Permission.USER_GENERATE_ACCESS_TOKEN, selfAllowed = true,
            denial = Denial.NOT_AUTHORIZED)
    public IssuedToken mintSecret(@PermissionSubject String targetId, String callerId, String clientAddress) {
        return issue(em.find(User.class, targetId), Contract.SECRET, callerId, clientAddress);
    }

    @Transactional
    public IssuedToken issue(User user, Contract contract, String callerId, String clientAddress) {
        em.lock(user, LockModeType.PESSIMISTIC_WRITE);
        Instant now = WireDates.now();
        String token = TokenCodec.newToken();
        LoginToken row = new LoginToken(TokenCodec.hash(token), user, now);
        em.persist(row);
        em.flush();
        em.createNativeQuery(PRUNE).setParameter(1, user.getId()).setParameter(2, settings.maxTokensPerUser())
                .executeUpdate();
        em.persist(new TokenAudit(callerId, user.getId(), row.getId(), now, clientAddress, contract));
        return new IssuedToken(user.getId(), token, row.getId());
    }
}
