package org.tokenmint.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Database;
import org.tokenmint.platform.control.MeteorIds;
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
    static final String MINT = mint("CAST(? AS varchar)");

    /**
     * users.createToken's mint for a user named by id, or by username compared case-insensitively: the first statement
     * locks the user's row, the second mints for it ({@link #mint}; no row when there is no such user). Sent together,
     * they take one round trip and one transaction (see {@link Database#lastFirst}), and the second reads after the
     * lock is held: a concurrent mint for the same user on another node has committed its tokens by then, so the prune
     * counts them.
     */
    static final List<String> MINT_BY_ID = List.of("SELECT 1 FROM users WHERE id = ? FOR UPDATE",
            mint("(SELECT id FROM users WHERE id = ?)"));
    static final List<String> MINT_BY_USERNAME = List.of(
            "SELECT 1 FROM users WHERE lower(username) = lower(?) FOR UPDATE",
            mint("(SELECT id FROM users WHERE lower(username) = lower(?))"));

    /**
     * The mint in one statement for the user {@code uid} names: insert the hashed token, prune the user's oldest login
     * tokens beyond the cap (the delete sees the rows before the insert, so it keeps cap - 1 of them; personal tokens
     * are neither counted nor pruned), and write the audit row. It answers the new token's id, the user's id and how
     * many tokens it pruned, and no row when {@code uid} is null.
     */
    static String mint(String uid) {
        return "WITH p AS (SELECT CAST(? AS text) AS hash, " + uid + " AS uid, "
                + "CAST(? AS timestamptz) AS at, CAST(? AS integer) AS keep, CAST(? AS varchar) AS caller, "
                + "CAST(? AS text) AS address, CAST(? AS text) AS contract), "
                + "new_token AS (INSERT INTO login_tokens (hashed_token, user_id, issued_at) "
                + "SELECT hash, uid, at FROM p WHERE uid IS NOT NULL RETURNING id), "
                + "pruned AS (DELETE FROM login_tokens WHERE id IN (SELECT id FROM login_tokens "
                + "WHERE user_id = (SELECT uid FROM p) AND NOT personal ORDER BY issued_at DESC, id DESC "
                + "OFFSET (SELECT keep FROM p)) RETURNING 1), "
                + "audited AS (INSERT INTO token_audit (caller_id, target_id, token_id, minted_at, client_address, "
                + "contract) SELECT p.caller, p.uid, new_token.id, p.at, p.address, p.contract FROM p, new_token) "
                + "SELECT id, (SELECT uid FROM p), (SELECT count(*) FROM pruned) FROM new_token";
    }

    @Inject
    Database database;

    @Inject
    TokenSettings settings;

    @Inject
    Users users;

    @Inject
    Event<TokensRevoked> revoked;

    /**
     * users.createToken, once the caller may mint for the user named: locks the user's row and mints, in one round
     * trip and one transaction of their own ({@code error-invalid-user} when there is no such user). Called outside a
     * JTA transaction.
     */
    public IssuedToken issueNamed(CreateTokenRequest.Target target, Contract contract, String callerId,
            String clientAddress) {
        boolean wellFormed = target.byId() ? MeteorIds.isWellFormed(target.value())
                : target.value().length() <= Users.MAX_NAME_LENGTH;
        if (!wellFormed) {
            throw ApiError.invalidUser();
        }
        String token = TokenCodec.newToken();
        return database.lastFirst(target.byId() ? MINT_BY_ID : MINT_BY_USERNAME, row -> issued(row, token),
                target.value(), TokenCodec.hash(token), target.value(), WireDates.now(),
                settings.maxTokensPerUser() - 1, callerId, clientAddress, contract.name())
                .orElseThrow(ApiError::invalidUser);
    }

    /**
     * As {@link #issueNamed}, in the caller's transaction, letting {@code check} refuse the user found before the
     * mint: for a caller who named itself by username, in case the database resolves the name to another user.
     */
    @Transactional
    public IssuedToken issueNamedChecked(CreateTokenRequest.Target target, Contract contract, String callerId,
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
        return database.first(MINT, row -> issued(row, token), TokenCodec.hash(token), userId, WireDates.now(),
                settings.maxTokensPerUser() - 1, callerId, clientAddress, contract.name()).orElseThrow();
    }

    /** The token a mint's row describes; tokens it pruned over the cap are revoked. */
    private IssuedToken issued(ResultSet row, String token) throws SQLException {
        if (row.getLong(3) > 0) {
            // The answer waits until no node's cache holds them (after the commit: at once outside a transaction).
            revoked.fire(new TokensRevoked());
        }
        return new IssuedToken(row.getString(2), token, row.getLong(1));
    }
}
