package org.tokenmint.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void digestIsLowercaseHexSha256() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Passwords.digest("abc"));
    }

    @Test
    void hashIsBcryptCost10OfTheDigest() {
        String hash = Passwords.hash("correct horse");
        assertTrue(hash.startsWith("$2b$10$"), hash);
        assertTrue(BCrypt.verifyer().verify(Passwords.digest("correct horse").toCharArray(), hash.toCharArray()).verified);
    }

    @Test
    void plainAndDigestFormsBothVerify() {
        String hash = Passwords.hash("pässword");
        assertTrue(Passwords.matches("pässword", hash));
        assertTrue(Passwords.matchesDigest(Passwords.digest("pässword"), hash));
        assertFalse(Passwords.matches("password", hash));
        assertFalse(Passwords.matchesDigest(Passwords.digest("pässword").toUpperCase(), hash));
    }

    @Test
    void hashesInTheOtherBcryptVersionsVerifyAsRocketChatExportsThem() {
        String digest = Passwords.digest("secret");
        String version2a = BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(10, digest.toCharArray());
        String version2y = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, digest.toCharArray());
        assertTrue(Passwords.matches("secret", version2a));
        assertTrue(Passwords.matches("secret", version2y));
    }

    @Test
    void garbageOrMissingHashesNeverVerify() {
        assertFalse(Passwords.matches("secret", null));
        assertFalse(Passwords.matches("secret", "not-a-hash"));
        assertFalse(Passwords.matchesDigest("zz", Passwords.hash("secret")));
    }

    @Test
    void withoutAUsableHashTheDigestIsStillCheckedAgainstADummyOfTheDefaultCost() {
        assertTrue(Passwords.isBcrypt(Passwords.Dummy.HASH));
        assertTrue(Passwords.Dummy.HASH.startsWith("$2b$" + Passwords.DEFAULT_COST + "$"), Passwords.Dummy.HASH);
        assertFalse(Passwords.matchesDigest(Passwords.digest("secret"), null));
        assertFalse(Passwords.matchesDigest(Passwords.digest("secret"), "$2b$10$tooShort"));
    }
}
