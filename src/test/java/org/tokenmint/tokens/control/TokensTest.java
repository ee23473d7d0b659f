package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.IssuedToken;
import org.tokenmint.users.control.Users;
import org.tokenmint.users.entity.User;

/** The order of checks of users.createToken, without a server: lookup, then gate or secret, then the mint. */
class TokensTest {

    static final User ALICE = new User("AAAAAAAAAAAAAAAAA", "alice", "Alice", null, false, null, true, false,
            List.of("user"), java.time.Instant.EPOCH);

    final List<String> lookups = new ArrayList<>();
    final List<String> mints = new ArrayList<>();

    Tokens tokens(String gate, String secret) {
        Tokens tokens = new Tokens();
        tokens.settings = TokenSettingsTest.settings(gate, secret, "90", "50");
        tokens.users = new Users() {
            @Override
            public Optional<String> lockById(String id) {
                lookups.add("id:" + id);
                return ALICE.getId().equals(id) ? Optional.of(ALICE.getId()) : Optional.empty();
            }

            @Override
            public Optional<String> lockByUsername(String username) {
                lookups.add("username:" + username);
                return "alice".equalsIgnoreCase(username) ? Optional.of(ALICE.getId()) : Optional.empty();
            }
        };
        tokens.issuer = new TokenIssuer() {
            @Override
            public IssuedToken mintDocumented(String targetId, String callerId, String clientAddress) {
                mints.add("documented:" + targetId);
                return new IssuedToken(targetId, "t", 1);
            }

            @Override
            public IssuedToken mintSecret(String targetId, String callerId, String clientAddress) {
                mints.add("secret:" + targetId);
                return new IssuedToken(targetId, "t", 1);
            }
        };
        return tokens;
    }

    static CreateTokenRequest documented(String userId, String username, String user) {
        return new CreateTokenRequest(Contract.DOCUMENTED, userId, username, user, null);
    }

    static String errorType(Runnable call) {
        return assertThrows(ApiError.class, call::run).body().getString("errorType");
    }

    @Test
    void userIdWinsOverUsernameAndUser() {
        tokens("true", null).createToken(documented(ALICE.getId(), "bob", "carol"), "caller", "127.0.0.1");
        assertEquals(List.of("id:" + ALICE.getId()), lookups);
        assertEquals(List.of("documented:" + ALICE.getId()), mints);
    }

    @Test
    void blankFieldsCountAsAbsentAndLookupIsCaseInsensitive() {
        tokens("true", null).createToken(documented("  ", "", "ALICE"), "caller", "127.0.0.1");
        assertEquals(List.of("username:ALICE"), lookups);
    }

    @Test
    void noTargetNamedIsParamNotProvided() {
        ApiError error = assertThrows(ApiError.class,
                () -> tokens("true", null).createToken(documented(null, " ", null), "c", null));
        assertEquals("{\"success\":false,\"error\":\"The required \\\"userId\\\" or \\\"username\\\" param was not provided "
                + "[error-user-param-not-provided]\",\"errorType\":\"error-user-param-not-provided\"}", error.body().toString());
    }

    @Test
    void unknownUserIsReportedEvenWhenTheGateIsShut() {
        assertEquals("error-invalid-user",
                errorType(() -> tokens("false", null).createToken(documented(null, "nobody", null), "c", null)));
        assertEquals(List.of(), mints);
    }

    @Test
    void shutGateRefusesEvenSelfMintingWithDetails() {
        ApiError error = assertThrows(ApiError.class,
                () -> tokens("TRUE", null).createToken(documented(ALICE.getId(), null, null), ALICE.getId(), null));
        assertEquals("{\"success\":false,\"error\":\"Not authorized [error-not-authorized]\",\"errorType\":"
                + "\"error-not-authorized\",\"details\":{\"method\":\"createToken\"}}", error.body().toString());
        assertEquals(List.of(), mints);
    }

    @Test
    void secretContractChecksTheSecretAfterTheLookupWithoutDetails() {
        Tokens tokens = tokens("true", "s3cret");
        assertEquals("error-invalid-user", errorType(() -> tokens.createToken(
                new CreateTokenRequest(Contract.SECRET, "BBBBBBBBBBBBBBBBB", null, null, "wrong"), "c", null)));
        assertEquals("error-user-param-not-provided", errorType(() -> tokens.createToken(
                new CreateTokenRequest(Contract.SECRET, "   ", null, null, "s3cret"), "c", null)));
        ApiError wrong = assertThrows(ApiError.class, () -> tokens.createToken(
                new CreateTokenRequest(Contract.SECRET, ALICE.getId(), null, null, "S3CRET"), "c", null));
        assertEquals("{\"success\":false,\"error\":\"Not authorized [error-not-authorized]\",\"errorType\":"
                + "\"error-not-authorized\"}", wrong.body().toString());
        tokens.createToken(new CreateTokenRequest(Contract.SECRET, ALICE.getId(), null, null, "s3cret"), "c", null);
        assertEquals(List.of("secret:" + ALICE.getId()), mints);
    }
}
