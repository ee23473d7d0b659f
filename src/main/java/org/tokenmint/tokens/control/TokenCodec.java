package org.tokenmint.tokens.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token format and storage form, as Rocket.Chat: 32 random bytes as base64url without padding (43 characters);
 * stored as {@code base64(sha256(token))} (44 characters), so hashes move between the two unchanged.
 */
public final class TokenCodec {

    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int TOKEN_LENGTH = 43;

    private TokenCodec() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** One digest per thread: looking the algorithm up on every request showed in the profile of GET me. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });

    public static String hash(String token) {
        return Base64.getEncoder().encodeToString(SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
