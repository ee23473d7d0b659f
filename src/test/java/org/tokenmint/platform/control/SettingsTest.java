package org.tokenmint.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rocket.Chat's reading of numeric settings, and the one file of defaults (the same file the WAR ships). */
class SettingsTest {

    static final PositiveIntConverter CONVERTER = new PositiveIntConverter();

    static int positiveInt(String key, String configured) {
        return Settings.positiveInt(key, Optional.ofNullable(configured), CONVERTER);
    }

    @Test
    void aPositiveNumberIsReadAsItsWholePart() {
        assertEquals(7, CONVERTER.convert("7").value());
        assertEquals(7, CONVERTER.convert(" 7.9 ").value());
        assertEquals(60_000, CONVERTER.convert("6e4").value());
        assertEquals(Integer.MAX_VALUE, CONVERTER.convert("1e12").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "0.5", "soon", "", " ", "NaN", "-Infinity", "7 days"})
    void anythingElseIsRefusedAsTheConverterContractAsks(String value) {
        assertThrows(IllegalArgumentException.class, () -> CONVERTER.convert(value));
        assertTrue(PositiveInt.read(value).isEmpty());
    }

    @Test
    void aConfiguredPositiveNumberWins() {
        assertEquals(7, positiveInt("Accounts_LoginExpiration", "7"));
        assertEquals(3, positiveInt("MAX_RESUME_LOGIN_TOKENS", "3"));
    }

    @Test
    void unsetOrUnusableValuesMeanTheDefaultsOfTheFile() {
        assertEquals(90, positiveInt("Accounts_LoginExpiration", null));
        assertEquals(90, positiveInt("Accounts_LoginExpiration", "0"));
        assertEquals(90, positiveInt("Accounts_LoginExpiration", "-3"));
        assertEquals(90, positiveInt("Accounts_LoginExpiration", "soon"));
        assertEquals(50, positiveInt("MAX_RESUME_LOGIN_TOKENS", "0"));
        assertEquals(10, positiveInt("API_Enable_Rate_Limiter_Limit_Calls_Default", "zero"));
        assertEquals(60_000, positiveInt("API_Enable_Rate_Limiter_Limit_Time_Default", "-5"));
        assertEquals(600, positiveInt("TOKENMINT_PURGE_INTERVAL_SECONDS", "0"));
        assertEquals(100_000, positiveInt("TOKENMINT_TOKEN_CACHE_USERS", "many"));
        assertEquals(60, positiveInt("TOKENMINT_TOKEN_CACHE_SECONDS", ""));
    }

    @Test
    void aKeyWithoutAPositiveDefaultFailsLoudly() {
        assertThrows(IllegalStateException.class, () -> positiveInt("NO_SUCH_SETTING", "0"));
        assertThrows(IllegalStateException.class, () -> positiveInt("ADMIN_NAME", null));
    }

    @Test
    void everySettingWithADefaultHasItInTheFile() {
        assertEquals(Optional.of("admin"), Settings.defaultValue("ADMIN_USERNAME"));
        assertEquals(Optional.of("Administrator"), Settings.defaultValue("ADMIN_NAME"));
        assertEquals(Optional.of("false"), Settings.defaultValue("ADMIN_EMAIL_VERIFIED"));
        assertEquals(Optional.of("true"), Settings.defaultValue("API_Enable_Rate_Limiter"));
        assertEquals(Optional.of("5"), Settings.defaultValue("TOKENMINT_PERMISSION_CACHE_SECONDS"));
        assertEquals(Optional.of("true"), Settings.defaultValue("TOKENMINT_TOKEN_CACHE"));
    }

    @Test
    void secretsTheGateAndTheAdminsEmailHaveNoDefault() {
        for (String key : new String[] {"ADMIN_PASS", "CREATE_TOKENS_FOR_USERS_SECRET", "CREATE_TOKENS_FOR_USERS",
                "ADMIN_EMAIL"}) {
            assertFalse(Settings.defaultValue(key).isPresent(), key);
        }
    }
}
