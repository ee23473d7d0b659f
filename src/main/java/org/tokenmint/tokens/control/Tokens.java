package org.tokenmint.tokens.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.tokenmint.access.control.Denial;
import org.tokenmint.access.control.PermissionSubject;
import org.tokenmint.access.control.Permissions;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Database;
import org.tokenmint.platform.control.GroupLookup;
import org.tokenmint.platform.control.MeteorIds;
import org.tokenmint.platform.control.Metrics;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.platform.entity.Profile;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.IssuedToken;
import org.tokenmint.tokens.entity.LiveToken;
import org.tokenmint.tokens.entity.LoginToken;
import org.tokenmint.tokens.entity.TokensRevoked;
import org.tokenmint.users.control.Users;
import org.tokenmint.users.entity.UserAccessRevoked;

/** Login tokens: authenticate a request, resume, revoke, and the users.createToken route logic. */
@ApplicationScoped
public class Tokens {

    /** Longer header values cannot be tokens; they are refused without hashing or a query. */
    static final int MAX_TOKEN_LENGTH = 512;

    static final long LIVE_COUNT_SECONDS = 15;
    static final String COUNT_LIVE = "SELECT count(*) FROM login_tokens WHERE personal OR issued_at > ?";

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenSettings settings;

    @Inject
    Database database;

    @Inject
    TokenIssuer issuer;

    @Inject
    MintTurns turns;

    @Inject
    Users users;

    @Inject
    TokenCacheNode cacheNode;

    @Inject
    Event<TokensRevoked> revoked;

    @Inject
    Permissions permissions;

    @Inject
    Caller caller;

    @Inject
    Metrics metrics;

    private Counter fromCache;
    private Counter fromDatabase;
    private Counter refused;
    /** The live token count and when it was read ({@link #liveCount}), for the gauge. */
    private volatile long[] live = {-1, Long.MIN_VALUE};

    @PostConstruct
    void meters() {
        String about = "Authentications of X-User-Id + X-Auth-Token";
        fromCache = metrics.counter("tokenmint.authentications", about, "outcome", "cache");
        fromDatabase = metrics.counter("tokenmint.authentications", about, "outcome", "database");
        refused = metrics.counter("tokenmint.authentications", about, "outcome", "refused");
        Gauge.builder("tokenmint.live.tokens", this, Tokens::liveCount)
                .description("Unexpired login tokens of all users (read at most every " + LIVE_COUNT_SECONDS + " s)")
                .register(metrics.registry());
    }

    /**
     * A live token (unexpired or personal, its user active) with the user's profile and roles, in one statement: the
     * whole database cost of authenticating a request. The token's hash comes 13th, to match a group's rows to
     * callers; whether it is personal and skips the two-factor step follow it. A personal token never expires.
     */
    static final String LIVE_TOKEN = "SELECT t.id, u.id, u.username, u.name, u.email, u.email_verified, u.status, "
            + "u.active, (SELECT string_agg(r.role_id, ',' ORDER BY r.position) FROM user_roles r "
            + "WHERE r.user_id = u.id), u.utc_offset, u.require_password_change, t.issued_at, t.hashed_token, "
            + "t.personal, t.bypass_two_factor FROM login_tokens t JOIN users u ON u.id = t.user_id "
            + "WHERE (t.personal OR t.issued_at > ?) AND u.active AND t.hashed_token ";
    static final String LIVE_TOKENS_BY_HASHES = LIVE_TOKEN + "= ANY(?)";
    static final String LIVE_TOKEN_BY_HASH = LIVE_TOKEN + "= ?";

    /** Concurrent requests read their tokens together, one statement per group (see {@link GroupLookup}). */
    static final int MAX_GROUP = 32;

    private final GroupLookup<String, LiveToken> liveTokens = new GroupLookup<>(this::liveTokens, MAX_GROUP);

    /**
     * The live token with this plain value for this user, if any: from this node's {@link TokenCache}, else read from
     * the database (with the requests that arrived alongside it) and cached. A token revoked, expired or deactivated
     * before the request arrived is refused on every node: expiry is checked here, and every revocation waits until
     * every node's cache has dropped it ({@link TokenCacheNode}).
     */
    public Optional<LiveToken> authenticate(String userId, String token) {
        if (!MeteorIds.isWellFormed(userId) || !plausible(token)) {
            refused.increment();
            return Optional.empty();
        }
        String hash = TokenCodec.hash(token);
        Instant cutoff = cutoff();
        TokenCache cache = cacheNode.cache();
        LiveToken cached = cache.find(userId, hash, cutoff);
        if (cached != null) {
            fromCache.increment();
            return Optional.of(cached);
        }
        long generation = cache.generation();
        Optional<LiveToken> read = liveTokens.get(hash).filter(live -> live.user().id().equals(userId));
        read.ifPresent(live -> cache.store(generation, hash, live));
        (read.isPresent() ? fromDatabase : refused).increment();
        return read;
    }

    /** One group's tokens by hash, read in one statement. */
    Map<String, LiveToken> liveTokens(List<String> hashes) {
        return database.all(LIVE_TOKENS_BY_HASHES, row -> Map.entry(row.getString(13), liveToken(row)), cutoff(),
                        hashes.toArray(String[]::new))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** {@code login} with {@code {resume: token}}: the live token with this value, whoever owns it. */
    public Optional<LiveToken> resume(String token) {
        return plausible(token) ? database.first(LIVE_TOKEN_BY_HASH, Tokens::liveToken, cutoff(),
                TokenCodec.hash(token)) : Optional.empty();
    }

    static boolean plausible(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_LENGTH;
    }

    static LiveToken liveToken(ResultSet row) throws SQLException {
        String roles = row.getString(9);
        return new LiveToken(row.getLong(1), new Profile(row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getBoolean(6), row.getString(7), row.getBoolean(8),
                roles == null ? List.of() : List.of(roles.split(",")), row.getInt(10),
                (Boolean) row.getObject(11)), row.getTimestamp(12).toInstant(), row.getBoolean(14),
                row.getBoolean(15));
    }

    @Transactional
    public void revoke(long tokenId) {
        em.createNamedQuery(LoginToken.DELETE_BY_ID).setParameter("id", tokenId).executeUpdate();
        revoked.fire(new TokensRevoked());
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
        int deleted = em.createNamedQuery(LoginToken.DELETE_BY_USER).setParameter("userId", userId).executeUpdate();
        revoked.fire(new TokensRevoked());
        return deleted;
    }

    /** Deletes every expired token (never a personal one); requests refuse them already, this keeps the table small. */
    @Transactional
    public int purgeExpired() {
        return em.createNamedQuery(LoginToken.DELETE_ISSUED_BEFORE).setParameter("cutoff", cutoff()).executeUpdate();
    }

    /**
     * users.createToken after authentication and body parsing. tokenmint departs from Rocket.Chat's order so that
     * no caller learns which users exist: a target named at all, then the gate (documented) or the secret, then the
     * permission for a target that is not the caller (decided without a lookup), and only then, in the target's turn
     * on this node ({@link MintTurns}), one transaction that looks the target up and locks its row, then mints (one round
     * trip: {@link TokenIssuer#issueNamed}). A
     * caller who may not mint never causes a lookup or a lock, and no check holds a pooled connection. The permission
     * depends on the target and comes after the gate, so it is checked in the body, not by an annotation (see
     * {@code PermissionInterceptor}).
     */
    public IssuedToken createToken(CreateTokenRequest request, String clientAddress) {
        CreateTokenRequest.Target target = request.target();
        Denial denial = request.contract() == Contract.SECRET ? Denial.NOT_AUTHORIZED : Denial.CREATE_TOKEN;
        boolean opened = request.contract() == Contract.SECRET ? settings.secretMatches(request.secret())
                : settings.gateOpen();
        if (!opened) {
            throw denial.error();
        }
        boolean forSelf = target.names(caller.profile());
        if (!forSelf) {
            permissions.requireHere(caller, Permission.USER_GENERATE_ACCESS_TOKEN, denial);
        }
        String callerId = caller.userId();
        if (forSelf && !target.byId()) {
            // The name matched the caller's in Java; should the database resolve it to another user, that user needs
            // the permission too.
            return turns.inTurn(target.value(), () -> issuer.issueNamedChecked(target, request.contract(), callerId,
                    clientAddress, targetId -> {
                        if (!targetId.equals(callerId)) {
                            permissions.requireHere(caller, Permission.USER_GENERATE_ACCESS_TOKEN, denial);
                        }
                    }));
        }
        return turns.inTurn(target.value(),
                () -> issuer.issueNamed(target, request.contract(), callerId, clientAddress));
    }

    Instant cutoff() {
        return Instant.now().minus(settings.expiration());
    }

    /**
     * How many unexpired tokens exist, read again when the last reading is older than {@value #LIVE_COUNT_SECONDS}
     * seconds (a scrape must not count the table each time); NaN while the database does not answer.
     */
    double liveCount() {
        long[] last = live;
        if (System.nanoTime() - last[1] < TimeUnit.SECONDS.toNanos(LIVE_COUNT_SECONDS) && last[0] >= 0) {
            return last[0];
        }
        try {
            long count = database.first(COUNT_LIVE, row -> row.getLong(1), cutoff()).orElse(0L);
            live = new long[] {count, System.nanoTime()};
            return count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
