package org.tokenmint.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.tokenmint.access.control.Denial;
import org.tokenmint.access.control.PermissionSubject;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.IssuedToken;
import org.tokenmint.tokens.entity.LiveToken;
import org.tokenmint.tokens.entity.LoginToken;
import org.tokenmint.platform.control.MeteorIds;
import org.tokenmint.users.control.Users;
import org.tokenmint.users.entity.User;
import org.tokenmint.users.entity.UserAccessRevoked;

/** Login tokens: authenticate a request, resume, revoke, and the users.createToken route logic. */
@ApplicationScoped
public class Tokens {

    /** Longer header values cannot be tokens; they are refused without hashing or a query. */
    static final int MAX_TOKEN_LENGTH = 512;

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenSettings settings;

    @Inject
    TokenIssuer issuer;

    @Inject
    Users users;

    /** The live token with this plain value for this user, if any: unexpired, the user active. */
    public Optional<LiveToken> authenticate(String userId, String token) {
        if (userId == null || token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        if (!MeteorIds.isWellFormed(userId)) {
            return Optional.empty();
        }
        return em.createNamedQuery(LoginToken.FIND_LIVE, LiveToken.class)
                .setParameter("hash", TokenCodec.hash(token))
                .setParameter("userId", userId)
                .setParameter("cutoff", cutoff())
                .getResultStream().findFirst();
    }

    /** {@code login} with {@code {resume: token}}: the live token with this value, whoever owns it. */
    public Optional<LiveToken> resume(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        return em.createNamedQuery(LoginToken.FIND_LIVE_BY_HASH, LiveToken.class)
                .setParameter("hash", TokenCodec.hash(token))
                .setParameter("cutoff", cutoff())
                .getResultStream().findFirst();
    }

    @Transactional
    public void revoke(long tokenId) {
        em.createNamedQuery(LoginToken.DELETE_BY_ID).setParameter("id", tokenId).executeUpdate();
    }

    /**
     * users.logout: revokes every token of the user (oneself, or anyone with logout-other-user). As in Rocket.Chat,
     * a user with no token to revoke (or no such user) is {@code error-invalid-user-id}.
     */
    @Transactional
    @RequiresPermission(value = Permission.LOGOUT_OTHER_USER, selfAllowed = true)
    public void logOut(@PermissionSubject String userId) {
        if (revokeAll(userId) == 0) {
            throw ApiError.of("error-invalid-user-id", "Invalid user id");
        }
    }

    /** A user deactivated or deleted: their tokens go in the same transaction. */
    void onAccessRevoked(@Observes UserAccessRevoked revoked) {
        revokeAll(revoked.userId());
    }

    int revokeAll(String userId) {
        return em.createNamedQuery(LoginToken.DELETE_BY_USER).setParameter("userId", userId).executeUpdate();
    }

    /** Deletes every expired token; requests refuse them already, this keeps the table small. */
    @Transactional
    public int purgeExpired() {
        return em.createNamedQuery(LoginToken.DELETE_ISSUED_BEFORE).setParameter("cutoff", cutoff()).executeUpdate();
    }

    /**
     * users.createToken after authentication and body parsing: target lookup, then the gate or the secret, then
     * the permission (for others only), then the mint; one transaction.
     */
    @Transactional
    public IssuedToken createToken(CreateTokenRequest request, String callerId, String clientAddress) {
        User target = target(request);
        if (request.contract() == Contract.SECRET) {
            if (!settings.secretMatches(request.secret())) {
                throw Denial.NOT_AUTHORIZED.error();
            }
            return issuer.mintSecret(target.getId(), callerId, clientAddress);
        }
        if (!settings.gateOpen()) {
            throw Denial.CREATE_TOKEN.error();
        }
        return issuer.mintDocumented(target.getId(), callerId, clientAddress);
    }

    /** Rocket.Chat's {@code getUserFromParams} on the request's fields. */
    User target(CreateTokenRequest request) {
        return users.fromParams(request.userId(), request.username(), request.user());
    }

    Instant cutoff() {
        return Instant.now().minus(settings.expiration());
    }
}
