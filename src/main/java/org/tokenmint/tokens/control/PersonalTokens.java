package org.tokenmint.tokens.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tokenmint.access.control.Denial;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Database;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.PersonalToken;
import org.tokenmint.tokens.entity.TokensRevoked;
import org.tokenmint.users.control.Users;

/**
 * The caller's personal access tokens (spec section 9): rows of {@code login_tokens} marked personal, so that they
 * authenticate, are cached and are revoked as login tokens are, but never expire and are neither counted nor pruned
 * by the cap. Each method runs once the route has passed authentication, the rate limit, the two-factor step and its
 * body's {@code tokenName}; the permission is then checked at the method's entry ({@link RequiresPermission}), before
 * the name is looked up, as Rocket.Chat orders them. A method that makes a token locks the caller's row, so that two
 * requests for one name cannot both pass the existence check (the unique index backs it up).
 */
@ApplicationScoped
public class PersonalTokens {

    /** Issue: insert the hashed token, marked personal, and its audit row, in one statement; answers its id. */
    static final String ISSUE = "WITH p AS (SELECT CAST(? AS text) AS hash, CAST(? AS varchar) AS uid, "
            + "CAST(? AS timestamptz) AS at, CAST(? AS text) AS name, CAST(? AS text) AS part, "
            + "CAST(? AS boolean) AS bypass, CAST(? AS text) AS address), "
            + "new_token AS (INSERT INTO login_tokens (hashed_token, user_id, issued_at, personal, name, "
            + "last_token_part, bypass_two_factor) SELECT hash, uid, at, true, name, part, bypass FROM p RETURNING id), "
            + "audited AS (INSERT INTO token_audit (caller_id, target_id, token_id, minted_at, client_address, contract) "
            + "SELECT p.uid, p.uid, new_token.id, p.at, p.address, '" + Contract.PERSONAL.name() + "' "
            + "FROM p, new_token) SELECT id FROM new_token";
    static final String EXISTS = "SELECT 1 FROM login_tokens WHERE user_id = ? AND personal AND name = ?";
    static final String DELETE = "DELETE FROM login_tokens WHERE user_id = ? AND personal AND name = ? "
            + "RETURNING bypass_two_factor";
    static final String LIST = "SELECT name, issued_at, last_token_part, bypass_two_factor FROM login_tokens "
            + "WHERE user_id = ? AND personal ORDER BY issued_at, id";

    /** The characters of a token shown back to its owner. */
    static final int LAST_PART = 6;

    @Inject
    Database database;

    @Inject
    Users users;

    @Inject
    Caller caller;

    @Inject
    Event<TokensRevoked> revoked;

    /** users.generatePersonalAccessToken: a new token of this name for the caller; the plain token, shown once. */
    @Transactional
    @RequiresPermission(value = Permission.CREATE_PERSONAL_ACCESS_TOKENS, denial = Denial.GENERATE_PERSONAL_TOKEN)
    public String generate(String name, boolean bypassTwoFactor, String clientAddress) {
        String userId = lockCaller();
        if (database.first(EXISTS, row -> true, userId, name).isPresent()) {
            throw ApiError.of("error-token-already-exists", "A token with this name already exists",
                    Jsons.object().add("method", "personalAccessTokens:generateToken"));
        }
        return issue(userId, name, bypassTwoFactor, clientAddress);
    }

    /**
     * users.regeneratePersonalAccessToken: the caller's token of this name is revoked (on every node before the answer)
     * and a new one made, with a new creation time and the same {@code bypassTwoFactor}.
     */
    @Transactional
    @RequiresPermission(value = Permission.CREATE_PERSONAL_ACCESS_TOKENS, denial = Denial.REGENERATE_PERSONAL_TOKEN)
    public String regenerate(String name, String clientAddress) {
        String userId = lockCaller();
        boolean bypassTwoFactor = delete(userId, name, "personalAccessTokens:regenerateToken");
        return issue(userId, name, bypassTwoFactor, clientAddress);
    }

    /** users.removePersonalAccessToken: the caller's token of this name is revoked, on every node before the answer. */
    @Transactional
    @RequiresPermission(value = Permission.CREATE_PERSONAL_ACCESS_TOKENS, denial = Denial.REMOVE_PERSONAL_TOKEN)
    public void remove(String name) {
        delete(caller.userId(), name, "personalAccessTokens:removeToken");
    }

    /** users.getPersonalAccessTokens: the caller's tokens in creation order. */
    @RequiresPermission(Permission.CREATE_PERSONAL_ACCESS_TOKENS)
    public List<PersonalToken> list() {
        return database.all(LIST, row -> new PersonalToken(row.getString(1), row.getTimestamp(2).toInstant(),
                row.getString(3), row.getBoolean(4)), caller.userId());
    }

    private String lockCaller() {
        // The caller authenticated moments ago; a user deleted since has no token left to answer with.
        return users.lockById(caller.userId()).orElseThrow(ApiError::unauthorized);
    }

    /** Deletes the token of this name, answering its bypassTwoFactor, or refuses the name as unknown. */
    private boolean delete(String userId, String name, String method) {
        Optional<Boolean> bypass = database.first(DELETE, row -> row.getBoolean(1), userId, name);
        if (bypass.isEmpty()) {
            throw ApiError.of("error-token-does-not-exists", "Token does not exist",
                    Jsons.object().add("method", method));
        }
        revoked.fire(new TokensRevoked());
        return bypass.get();
    }

    private String issue(String userId, String name, boolean bypassTwoFactor, String clientAddress) {
        String token = TokenCodec.newToken();
        Instant now = WireDates.now();
        database.first(ISSUE, row -> row.getLong(1), TokenCodec.hash(token), userId, now, name,
                token.substring(token.length() - LAST_PART), bypassTwoFactor, clientAddress).orElseThrow();
        return token;
    }
}
