package org.tokenmint.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.function.Consumer;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Database;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.IssuedToken;
import org.tokenmint.tokens.entity.TokensRevoked;
import org.tokenmint.users.control.Users;

/**
 * The one code path that issues tokens, for login and for users.createToken: with the user's row locked, insert
 * the hashed token, prune the oldest beyond the cap and write the audit row, all in the caller's transaction.
 */
@ApplicationScoped
public class TokenIssuer {

    /**
     * The mint in one statement: insert the hashed token, prune the user's oldest login tokens beyond the cap (the
     * delete sees the rows before the insert, so it keeps cap - 1 of them; personal tokens are neither counted nor
     * pruned), and write the audit row. It answers the new token's id
     * and how many tokens it pruned.
     */
    static final String MINT = "WITH p AS (SELECT CAST(? AS text) AS hash, CAST(? AS varchar) AS uid, "
            + "CAST(? AS timestamptz) AS at, CAST(? AS integer) AS keep, CAST(? AS varchar) AS caller, "
            + "CAST(? AS text) AS address, CAST(? AS text) AS contract), "
            + "new_token AS (INSERT INTO login_tokens (hashed_token, user_id, issued_at) "
            + "SELECT hash, uid, at FROM p RETURNING id), "
            + "pruned AS (DELETE FROM login_tokens WHERE id IN (SELECT id FROM login_tokens "
            + "WHERE user_id = (SELECT uid FROM p) AND NOT personal ORDER BY issued_at DESC, id DESC OFFSET (SELECT keep FROM p)) "
            + "RETURNING 1), "
            + "audited AS (INSERT INTO token_audit (caller_id, target_id, token_id, minted_at, client_address, contract) "
            + "SELECT p.caller, p.uid, new_token.id, p.at, p.address, p.contract FROM p, new_token) "
            + "SELECT id, (SELECT count(*) FROM pruned) FROM new_token";

    @Inject
    Database database;

    @Inject
    TokenSettings settings;

    @Inject
    Users users;

    @Inject
    Event<TokensRevoked> revoked;

    /**
     * users.createToken, once the caller may mint for the user named: looks the user up by id or by username (case
     * -insensitively) and locks the row ({@code error-invalid-user} when there is none), lets {@code check} refuse
     * the user found, and mints; one transaction.
     */
    @Transactional
    public IssuedToken issueNamed(CreateTokenRequest.Target target, Contract contract, String callerId,
            String clientAddress, Consumer<String> check) {
        String userId = (target.byId() ? users.lockById(target.value()) : users.lockByUsername(target.value()))
                .orElseThrow(ApiError::invalidUser);
        check.accept(userId);
        return issueLocked(userId, contract, callerId, clientAddress);
    }

    /** Issues a token to a user whose row the current transaction holds locked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public IssuedToken issueLocked(String userId, Contract contract, String callerId, String clientAddress) {
        String token = TokenCodec.newToken();
        long[] minted = database.first(MINT, row -> new long[] {row.getLong(1), row.getLong(2)},
                TokenCodec.hash(token), userId, WireDates.now(), settings.maxTokensPerUser() - 1, callerId,
                clientAddress, contract.name()).orElseThrow();
        if (minted[1] > 0) {
            // Tokens pruned over the cap are revoked: the answer waits until no node's cache holds them.
            revoked.fire(new TokensRevoked());
        }
        return new IssuedToken(userId, token, minted[0]);
    }
}
