package org.tokenmint.sessions.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.platform.entity.Profile;
import org.tokenmint.users.control.Passwords;
import org.tokenmint.users.control.Users;

/** The two-factor step's decisions, with the password fallback, without a server: settings, bypass, memory, counting. */
class TwoFactorStepTest {

    static final String PASSWORD = "s3cret";
    static final String CODE = Passwords.digest(PASSWORD);
    static final String HASH = Passwords.hash(PASSWORD);
    static final String REQUIRED = "{\"success\":false,\"error\":\"TOTP Required [totp-required]\","
            + "\"errorType\":\"totp-required\",\"details\":{\"method\":\"password\",\"codeGenerated\":false,"
            + "\"availableMethods\":[]}}";
    static final String INVALID = REQUIRED.replace("TOTP Required [totp-required]", "TOTP Invalid [totp-invalid]")
            .replace("\"totp-required\"", "\"totp-invalid\"");

    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final List<String> failures = new ArrayList<>();
    final TwoFactorSettings settings = new TwoFactorSettings();
    final PasswordFallback password = new PasswordFallback();
    final TwoFactorStep step = new TwoFactorStep();
    String storedHash = HASH;

    @BeforeEach
    void wire() {
        settings.enabled = "true";
        settings.passwordFallback = "true";
        read(1800);
        password.settings = settings;
        step.settings = settings;
        step.memory = new TwoFactorMemory(clock::get);
        step.users = new Users() {
            @Override
            public Optional<Credentials> credentialsById(String id) {
                return Optional.of(new Credentials(id, storedHash));
            }
        };
        step.blocking = new LoginBlocking() {
            @Override
            public void failed(String loginName, String clientAddress) {
                failures.add(loginName + "@" + clientAddress);
            }
        };
    }

    void read(long rememberSeconds) {
        settings.read(String.valueOf(rememberSeconds));
    }

    static Caller caller(long tokenId, boolean bypass) {
        Caller caller = new Caller();
        caller.authenticate(new Profile("BsNr28znDkG8aeo7W", "bob", "Bob", null, false, "offline", true,
                List.of("user"), 0, null), tokenId, bypass);
        return caller;
    }

    void check(Caller caller, String method, String code, String address, String agent) {
        step.check(caller, method, code, address, agent, List.of(password));
    }

    String refusal(Caller caller, String method, String code) {
        return assertThrows(ApiError.class, () -> check(caller, method, code, "10.0.0.1", "ua")).body().toString();
    }

    @Test
    void aMissingCodeIsRequiredAndAWrongOneInvalidAndCounted() {
        Caller bob = caller(1, false);
        assertEquals(REQUIRED, refusal(bob, null, null));
        assertEquals(REQUIRED, refusal(bob, "password", ""));
        assertEquals(List.of(), failures, "a missing code is no guess");
        assertEquals(INVALID, refusal(bob, "password", PASSWORD), "the plain password is not the code");
        assertEquals(INVALID, refusal(bob, "password", Passwords.digest("other")));
        assertEquals(List.of("bob@10.0.0.1", "bob@10.0.0.1"), failures);
        assertDoesNotThrow(() -> check(bob, "password", CODE.toUpperCase(), "10.0.0.1", "ua"));
    }

    @Test
    void anUnknownMethodFallsBackToTheFirstAvailable() {
        assertDoesNotThrow(() -> check(caller(1, false), "totp", CODE, "a", "ua"));
        assertEquals(REQUIRED, refusal(caller(2, false), "totp", null));
    }

    @Test
    void skippedWhenOffWithoutPasswordOrForABypassingToken() {
        assertDoesNotThrow(() -> check(caller(1, true), null, null, "a", "ua"), "bypassTwoFactor");
        storedHash = null;
        assertDoesNotThrow(() -> check(caller(1, false), null, null, "a", "ua"), "no password");
        storedHash = HASH;
        settings.passwordFallback = "FALSE";
        read(1800);
        assertDoesNotThrow(() -> check(caller(1, false), null, null, "a", "ua"), "no fallback, no other method");
        settings.passwordFallback = "true";
        settings.enabled = "false";
        read(1800);
        assertDoesNotThrow(() -> check(caller(1, false), null, null, "a", "ua"), "the step is off");
        settings.enabled = "true";
        read(1800);
        assertEquals(REQUIRED, refusal(caller(1, false), null, null));
    }

    @Test
    void aPassIsRememberedPerTokenAddressAndAgentForRememberFor() {
        Caller bob = caller(7, false);
        check(bob, "password", CODE, "10.0.0.1", "ua");
        assertDoesNotThrow(() -> check(bob, null, null, "10.0.0.1", "ua"));
        assertEquals(REQUIRED, refusal(caller(8, false), null, null), "another token");
        assertThrows(ApiError.class, () -> check(bob, null, null, "10.0.0.2", "ua"), "another address");
        assertThrows(ApiError.class, () -> check(bob, null, null, "10.0.0.1", "other"), "another agent");
        clock.addAndGet(Duration.ofSeconds(1799).toNanos());
        assertDoesNotThrow(() -> check(bob, null, null, "10.0.0.1", "ua"));
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThrows(ApiError.class, () -> check(bob, null, null, "10.0.0.1", "ua"), "RememberFor has passed");
    }

    @Test
    void rememberForZeroOrLessRemembersNothing() {
        read(0);
        Caller bob = caller(7, false);
        check(bob, "password", CODE, "10.0.0.1", "ua");
        assertThrows(ApiError.class, () -> check(bob, null, null, "10.0.0.1", "ua"));
    }

    @Test
    void rememberForIsReadAsRocketChatReadsIt() {
        assertEquals(60, TwoFactorSettings.rememberSeconds("60", () -> 1800));
        assertEquals(60, TwoFactorSettings.rememberSeconds(" 60.9 ", () -> 1800));
        assertEquals(0, TwoFactorSettings.rememberSeconds("0", () -> 1800));
        assertEquals(0, TwoFactorSettings.rememberSeconds("-5", () -> 1800));
        assertEquals(1800, TwoFactorSettings.rememberSeconds("soon", () -> 1800));
        assertEquals(1800, TwoFactorSettings.rememberSeconds("", () -> 1800));
    }

    @Test
    void theMemorySweepsWhatRanOut() {
        TwoFactorMemory memory = new TwoFactorMemory(clock::get);
        for (int i = 0; i <= TwoFactorMemory.SWEEP_ABOVE; i++) {
            memory.passed(i, "a", "ua", 10);
        }
        clock.addAndGet(10);
        memory.passed(-1, "a", "ua", 10);
        assertEquals(1, memory.size(), "every entry that ran out was swept");
        assertTrue(memory.remembers(-1, "a", "ua"));
        memory.passed(-2, "a", "ua", 0);
        assertFalse(memory.remembers(-2, "a", "ua"), "nothing remembered for no time");
        assertFalse(memory.remembers(0, "a", "ua"));
    }
}
