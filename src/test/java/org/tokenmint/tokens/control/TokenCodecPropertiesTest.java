package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.tokenmint.platform.control.JsonFuzz;

/**
 * TokenCodec: tokens are 43 base64url characters of 32 bytes; a hash is Rocket.Chat's base64(sha256(utf-8)), 44
 * characters, for any text a client can send (lone surrogates and NUL included), never an exception.
 */
class TokenCodecPropertiesTest {

    static final String SEED = "20261202";

    @Example
    void tokensAreFortyThreeBase64UrlCharactersOfThirtyTwoBytes() {
        for (int i = 0; i < 100; i++) {
            String token = TokenCodec.newToken();
            assertEquals(TokenCodec.TOKEN_LENGTH, token.length());
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
            assertEquals(32, Base64.getUrlDecoder().decode(token).length);
        }
    }

    @Provide
    Arbitrary<String> texts() {
        return JsonFuzz.unicodeStrings(64);
    }

    @Property(tries = 200, seed = SEED)
    void hashIsBase64OfSha256(@ForAll("texts") String text) throws Exception {
        String hash = TokenCodec.hash(text);
        assertEquals(44, hash.length());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)),
                Base64.getDecoder().decode(hash));
        assertEquals(hash, TokenCodec.hash(text));
    }
}
