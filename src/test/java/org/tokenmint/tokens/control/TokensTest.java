package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tokenmint.access.control.Permissions;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.platform.entity.Profile;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.IssuedToken;
import org.tokenmint.users.control.Users;

/**
 * The order of checks of users.createToken, without a server: a target named, then the gate or the secret, then the
 * permission for others, and only then the lookup and the mint (tokenmint's departure from Rocket.Chat, so that no
 * caller who may not mint learns which users exist).
 */
class TokensTest {

    static final String ALICE = "AAAAAAAAAAAAAAAAA";
    static final String MINTER = "MMMMMMMMMMMMMMMMM";
    static final String NOBODY = "NNNNNNNNNNNNNNNNN";

    static final String NOT_AUTHORIZED = "{\"success\":false,\"error\":\"Not authorized [error-not-authorized]\","
            + "\"errorType\":\"error-not-authorized\"";

    final List<String> lookups = new ArrayList<>();
    final List<String> mints = new ArrayList<>();

    /** A caller with the given id and username; {@link #MINTER} alone holds user-generate-access-token. */
    Tokens tokens(String gate, String secret, String callerId, String callerName) {
        Tokens tokens = new Tokens();
        tokens.settings = TokenSettingsTest.settings(gate, secret, 90, 50);
        tokens.caller = new Caller();
        tokens.caller.authenticate(new Profile(callerId, callerName, callerName, null, false, "offline", true,
                List.of(callerId.equals(MINTER) ? "minter" : "user"), 0, null), 1);
        tokens.permissions = new Permissions() {
            @Override
            public boolean hasAny(List<String> roles, String permission) {
                return roles.contains("minter") && permission.equals(Permission.USER_GENERATE_ACCESS_TOKEN);
            }
        };
        tokens.users = new Users() {
            @Override
            public Optional<String> lockById(String id) {
                lookups.add("id:" + id);
                return ALICE.equals(id) || MINTER.equals(id) ? Optional.of(id) : Optional.empty();
            }

            @Override
            public Optional<String> lockByUsername(String username) {
                lookups.add("username:" + username);
                return "alice".equalsIgnoreCase(username) ? Optional.of(ALICE) : Optional.empty();
            }
        };
        tokens.turns = new MintTurns();
        TokenIssuer issuer = new TokenIssuer() {
            /** The one-round-trip path: the lookup the database would make, then the mint. */
            @Override
            public IssuedToken issueNamed(CreateTokenRequest.Target target, Contract contract, String callerId,
                    String clientAddress) {
                String userId = (target.byId() ? users.lockById(target.value())
                        : users.lockByUsername(target.value())).orElseThrow(ApiError::invalidUser);
                return issueLocked(userId, contract, callerId, clientAddress);
            }

            @Override
            public IssuedToken issueLocked(String userId, Contract contract, String callerId, String clientAddress) {
                mints.add(contract.name().toLowerCase() + ":" + userId + " by " + callerId);
                return new IssuedToken(userId, "t", 1);
            }
        };
        issuer.users = tokens.users;
        tokens.issuer = issuer;
        return tokens;
    }

    Tokens minter(String gate, String secret) {
        return tokens(gate, secret, MINTER, "minter");
    }

    static CreateTokenRequest documented(String userId, String username, String user) {
        return new CreateTokenRequest(Contract.DOCUMENTED, userId, username, user, null);
    }

    static CreateTokenRequest secret(String userId, String secret) {
        return new CreateTokenRequest(Contract.SECRET, userId, null, null, secret);
    }

    static String body(Runnable call) {
        return assertThrows(ApiError.class, call::run).body().toString();
    }

    @Test
    void userIdWinsOverUsernameAndUser() {
        minter("true", null).createToken(documented(ALICE, "bob", "carol"), "127.0.0.1");
        assertEquals(List.of("id:" + ALICE), lookups);
        assertEquals(List.of("documented:" + ALICE + " by " + MINTER), mints);
    }

    @Test
    void blankFieldsCountAsAbsentAndTheUsernameIsLookedUpAsGiven() {
        minter("true", null).createToken(documented("  ", "", "ALICE"), "127.0.0.1");
        assertEquals(List.of("username:ALICE"), lookups);
    }

    @Test
    void noTargetNamedIsParamNotProvidedEvenWithTheGateShut() {
        String expected = "{\"success\":false,\"error\":\"The required \\\"userId\\\" or \\\"username\\\" param was not "
                + "provided [error-user-param-not-provided]\",\"errorType\":\"error-user-param-not-provided\"}";
        assertEquals(expected, body(() -> minter("true", null).createToken(documented(null, " ", null), null)));
        assertEquals(expected, body(() -> minter("false", null).createToken(documented(null, null, null), null)));
        assertEquals(List.of(), lookups);
    }

    @Test
    void withTheGateShutNobodyLearnsWhetherAUserExists() {
        for (String target : new String[] {NOBODY, ALICE, MINTER}) {
            assertEquals(NOT_AUTHORIZED + ",\"details\":{\"method\":\"createToken\"}}",
                    body(() -> minter("TRUE", null).createToken(documented(target, null, null), null)));
        }
        assertEquals(List.of(), lookups);
        assertEquals(List.of(), mints);
    }

    @Test
    void withoutThePermissionNobodyLearnsWhetherAUserExistsAndNothingIsLocked() {
        Tokens tokens = tokens("true", null, ALICE, "alice");
        for (CreateTokenRequest request : List.of(documented(NOBODY, null, null), documented(MINTER, null, null),
                documented(null, "nobody", null), documented(null, null, "minter"))) {
            assertEquals(NOT_AUTHORIZED + ",\"details\":{\"method\":\"createToken\"}}",
                    body(() -> tokens.createToken(request, null)));
        }
        assertEquals(List.of(), lookups);
    }

    @Test
    void aCallerWhoMayMintLearnsThatAUserIsUnknown() {
        assertEquals("error-invalid-user", assertThrows(ApiError.class,
                () -> minter("yes", null).createToken(documented(null, "nobody", null), null)).body()
                .getString("errorType"));
        assertEquals(List.of("username:nobody"), lookups);
    }

    @Test
    void selfNeedsNoPermissionByIdOrByUsernameInAnyCase() {
        tokens("true", null, ALICE, "alice").createToken(documented(ALICE, null, null), null);
        tokens("true", null, ALICE, "alice").createToken(documented(null, "ALICE", null), null);
        assertEquals(List.of("documented:" + ALICE + " by " + ALICE, "documented:" + ALICE + " by " + ALICE), mints);
    }

    @Test
    void secretContractChecksBlankIdThenSecretThenPermissionThenLookup() {
        Tokens tokens = minter("true", "s3cret");
        assertEquals("error-user-param-not-provided", assertThrows(ApiError.class,
                () -> tokens.createToken(secret("   ", "wrong"), null)).body().getString("errorType"));
        assertEquals(NOT_AUTHORIZED + "}", body(() -> tokens.createToken(secret(NOBODY, "wrong"), null)));
        assertEquals(NOT_AUTHORIZED + "}", body(() -> tokens.createToken(secret(ALICE, "S3CRET"), null)));
        assertEquals(List.of(), lookups);
        Tokens alice = tokens("true", "s3cret", ALICE, "alice");
        assertEquals(NOT_AUTHORIZED + "}", body(() -> alice.createToken(secret(NOBODY, "s3cret"), null)));
        assertEquals(List.of(), lookups);
        assertEquals("error-invalid-user", assertThrows(ApiError.class,
                () -> tokens.createToken(secret(NOBODY, "s3cret"), null)).body().getString("errorType"));
        tokens.createToken(secret(ALICE, "s3cret"), null);
        alice.createToken(secret(ALICE, "s3cret"), null);
        assertEquals(List.of("secret:" + ALICE + " by " + MINTER, "secret:" + ALICE + " by " + ALICE), mints);
    }
}
