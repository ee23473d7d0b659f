package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenSettingsTest {

    static TokenSettings settings(String gate, String secret, int expirationDays, int max) {
        TokenSettings settings = new TokenSettings();
        settings.createTokensForUsers = Optional.ofNullable(gate);
        settings.secret = Optional.ofNullable(secret);
        settings.expiration = Duration.ofDays(expirationDays);
        settings.maxTokensPerUser = max;
        return settings;
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "yes"})
    void gateOpensOnExactlyTrueOrYes(String value) {
        assertTrue(settings(value, null, 90, 50).gateOpen());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRUE", "True", "1", "on", "YES", "", " true", "false"})
    void anythingElseKeepsTheGateShut(String value) {
        assertFalse(settings(value, null, 90, 50).gateOpen());
    }

    @Test
    void anUnsetGateIsShut() {
        assertFalse(settings(null, null, 90, 50).gateOpen());
    }

    @Test
    void secretContractNeedsANonEmptySecret() {
        assertFalse(settings("true", null, 90, 50).secretContract());
        assertFalse(settings("true", "", 90, 50).secretContract());
        assertTrue(settings("", "s3cret", 90, 50).secretContract());
    }

    @Test
    void secretMatchesExactly() {
        TokenSettings settings = settings("", "s3cret", 90, 50);
        assertTrue(settings.secretMatches("s3cret"));
        assertFalse(settings.secretMatches("S3CRET"));
        assertFalse(settings.secretMatches("s3cret "));
        assertFalse(settings.secretMatches(""));
        assertFalse(settings("", null, 90, 50).secretMatches(""));
    }
}
