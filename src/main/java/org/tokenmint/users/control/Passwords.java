package org.tokenmint.users.control;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Rocket.Chat's password storage: {@code bcrypt(lowercase hex sha256(password))}, so hashes exported from
 * Rocket.Chat verify unchanged, and a client may send the sha-256 digest instead of the password.
 */
public final class Passwords {

    public static final int DEFAULT_COST = 10;
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private Passwords() {
    }

    public static String hash(String password) {
        return hashDigest(digest(password), DEFAULT_COST);
    }

    static String hashDigest(String digest, int cost) {
        return BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(cost, digest.toCharArray());
    }

    /** Checks a plain password against a stored hash. */
    public static boolean matches(String password, String storedHash) {
        return matchesDigest(digest(password), storedHash);
    }

    /**
     * Checks a client-side sha-256 digest (lowercase hex) against a stored hash. Without a usable stored hash (no
     * such user, no password) the digest is checked against a dummy hash of the default cost and the answer is
     * false, so that the time taken does not tell whether the user exists or has a password.
     */
    public static boolean matchesDigest(String digest, String storedHash) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            return false;
        }
        boolean usable = storedHash != null && isBcrypt(storedHash);
        boolean verified = verify(digest, usable ? storedHash : Dummy.HASH);
        return usable && verified;
    }

    private static boolean verify(String digest, String hash) {
        try {
            return BCrypt.verifyer().verify(digest.toCharArray(), hash.toCharArray()).verified;
        } catch (RuntimeException notBcrypt) {
            return false;
        }
    }

    /** A modular-crypt bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, cost, 53 characters of salt and hash). */
    static boolean isBcrypt(String hash) {
        return BCRYPT.matcher(hash).matches();
    }

    /** The hash checked when there is none to check: made once, of a random digest nobody knows. */
    static final class Dummy {
        static final String HASH = hashDigest(HexFormat.of().formatHex(randomBytes()), DEFAULT_COST);

        private static byte[] randomBytes() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return bytes;
        }
    }

    /** Lowercase hex sha-256 of the UTF-8 password, as Meteor's accounts-password computes it. */
    public static String digest(String password) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
