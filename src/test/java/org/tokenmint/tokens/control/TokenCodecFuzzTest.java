package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.control.JsonFuzz;

/**
 * TokenCodec: tokens are 43 base64url characters of 32 bytes; a hash is Rocket.Chat's base64(sha256(utf-8)), 44
 * characters, for any text a client can send (lone surrogates and NUL included), never an exception.
 */
class TokenCodecFuzzTest {

    @Test
    void tokensAreFortyThreeBase64UrlCharactersOfThirtyTwoBytes() {
        for (int i = 0; i < 100; i++) {
            String token = TokenCodec.newToken();
            assertEquals(TokenCodec.TOKEN_LENGTH, token.length());
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
            assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        }
    }

    /** The input as text (see JsonFuzz.text: every UTF-16 string, lone surrogates too); a kept input is a token. */
    @FuzzTest(maxDuration = "30s")
    void hashIsBase64OfSha256(FuzzedDataProvider data) throws Exception {
        String text = JsonFuzz.remainingText(data);
        String hash = TokenCodec.hash(text);
        assertEquals(44, hash.length());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)),
                Base64.getDecoder().decode(hash));
        assertEquals(hash, TokenCodec.hash(text));
    }
}
