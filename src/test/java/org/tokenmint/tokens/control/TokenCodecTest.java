package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenCodecTest {

    @Test
    void tokensAre43Base64UrlCharacters() {
        for (int i = 0; i < 200; i++) {
            String token = TokenCodec.newToken();
            assertEquals(43, token.length());
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        }
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(TokenCodec.newToken()));
        }
    }

    @Test
    void hashIsStandardBase64OfSha256AsRocketChatStoresIt() {
        // sha256("abc") = ba7816bf 8f01cfea ... ; base64 with padding, 44 characters.
        assertEquals("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", TokenCodec.hash("abc"));
        String token = TokenCodec.newToken();
        assertEquals(44, TokenCodec.hash(token).length());
        assertNotEquals(token, TokenCodec.hash(token));
    }
}
