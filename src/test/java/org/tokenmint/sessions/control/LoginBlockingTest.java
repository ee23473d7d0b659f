package org.tokenmint.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.control.Settings;

/** The settings of failed-login blocking, read as Rocket.Chat reads them, and its defaults. */
class LoginBlockingTest {

    @Test
    void onUnlessFalseInAnyCase() {
        assertTrue(LoginBlocking.isOn("true"));
        assertTrue(LoginBlocking.isOn("yes"));
        assertFalse(LoginBlocking.isOn("false"));
        assertFalse(LoginBlocking.isOn(" FALSE "));
    }

    @Test
    void theAllowListIsCommaSeparatedAddressesInCanonicalForm() {
        assertEquals(Set.of(), LoginBlocking.allowList(Optional.empty()));
        assertEquals(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "10.0.0.7"),
                LoginBlocking.allowList(Optional.of("127.0.0.1, ::1,,10.0.0.7 ,")));
        assertEquals(Set.of("10.0.0.7"), LoginBlocking.allowList(Optional.of("::ffff:10.0.0.7")),
                "an IPv4-mapped address is its IPv4 address");
    }

    @Test
    void aNameLongerThanAnyUsersCountsForItsAddressOnly() {
        assertEquals("x".repeat(254), LoginBlocking.counted("x".repeat(254)));
        assertEquals(null, LoginBlocking.counted("x".repeat(255)));
        assertEquals(null, LoginBlocking.counted(null));
    }

    @Test
    void purgeKeepsTwoOfTheLongerWindows() {
        LoginBlocking blocking = new LoginBlocking();
        blocking.byAddress = new BlockRule(true, 50, Duration.ofMinutes(3));
        blocking.byName = new BlockRule(true, 10, Duration.ofMinutes(7));
        assertEquals(Duration.ofMinutes(14), blocking.horizon());
        blocking.byName = new BlockRule(false, 10, Duration.ofMinutes(1));
        assertEquals(Duration.ofMinutes(6), blocking.horizon());
    }

    @Test
    void activeWhileEitherRuleIs() {
        LoginBlocking blocking = new LoginBlocking();
        blocking.byAddress = new BlockRule(false, 50, Duration.ofMinutes(5));
        blocking.byName = new BlockRule(false, 10, Duration.ofMinutes(5));
        assertFalse(blocking.isActive());
        blocking.byName = new BlockRule(true, 10, Duration.ofMinutes(5));
        assertTrue(blocking.isActive());
    }

    /** Enabled by default with the figures of Rocket.Chat's own settings and end-to-end test. */
    @Test
    void defaultsAreRocketChats() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(Settings.DEFAULTS)) {
            defaults.load(in);
        }
        assertEquals("true", defaults.getProperty("Block_Multiple_Failed_Logins_Enabled"));
        assertEquals("true", defaults.getProperty("Block_Multiple_Failed_Logins_By_Ip"));
        assertEquals("true", defaults.getProperty("Block_Multiple_Failed_Logins_By_User"));
        assertEquals("50", defaults.getProperty("Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip"));
        assertEquals("10", defaults.getProperty("Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User"));
        assertEquals("5", defaults.getProperty("Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes"));
        assertEquals("5", defaults.getProperty("Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes"));
        assertFalse(defaults.containsKey("Block_Multiple_Failed_Logins_Ip_Whitelist"), "no address is exempt");
    }
}
