package org.tokenmint.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tokenmint.users.control.Passwords;

class LoginRequestTest {

    static LoginRequest parse(String json) {
        return LoginRequest.parse(Json.createReader(new StringReader(json)).readObject());
    }

    static final Optional<String> DIGEST = Optional.of(Passwords.digest("pw"));

    @Test
    void userIsAnEmailWhenItHasAnAt() {
        LoginRequest byName = parse("{\"user\":\"alice\",\"password\":\"pw\"}");
        assertEquals(Optional.of("alice"), byName.username());
        assertEquals(DIGEST, byName.passwordDigest());
        LoginRequest byEmail = parse("{\"user\":\"alice@example.com\",\"password\":\"pw\"}");
        assertEquals(Optional.of("alice@example.com"), byEmail.email());
        assertTrue(byEmail.username().isEmpty());
    }

    @Test
    void allIdentityForms() {
        assertEquals(Optional.of("alice"), parse("{\"username\":\"alice\",\"password\":\"pw\"}").username());
        assertEquals(Optional.of("a@b.c"), parse("{\"email\":\"a@b.c\",\"password\":\"pw\"}").email());
        assertEquals(Optional.of("alice"), parse("{\"user\":{\"username\":\"alice\"},\"password\":\"pw\"}").username());
        assertEquals(Optional.of("a@b.c"), parse("{\"user\":{\"email\":\"a@b.c\"},\"password\":\"pw\"}").email());
    }

    @Test
    void digestFormNeedsExactlySha256AndIsTakenAsSent() {
        String digest = Passwords.digest("pw");
        assertEquals(DIGEST, parse("{\"user\":\"alice\",\"password\":{\"digest\":\"" + digest
                + "\",\"algorithm\":\"sha-256\"}}").passwordDigest());
        assertEquals(Optional.of(digest.toUpperCase()), parse("{\"user\":\"alice\",\"password\":{\"digest\":\""
                + digest.toUpperCase() + "\",\"algorithm\":\"sha-256\"}}").passwordDigest());
        assertTrue(parse("{\"user\":\"alice\",\"password\":{\"digest\":\"" + digest
                + "\",\"algorithm\":\"md5\"}}").passwordDigest().isEmpty());
        assertTrue(parse("{\"user\":\"alice\",\"password\":{\"digest\":\"" + digest + "\"}}")
                .passwordDigest().isEmpty());
    }

    @Test
    void toStringNeverShowsSecrets() {
        String digest = Passwords.digest("pw");
        LoginRequest request = parse("{\"user\":\"alice\",\"password\":\"pw\"}");
        assertFalse(request.toString().contains(digest));
        assertFalse(parse("{\"resume\":\"tok-secret\"}").toString().contains("tok-secret"));
    }

    @Test
    void resumeAndMissingOrWrongTypedFields() {
        assertEquals(Optional.of("tok"), parse("{\"resume\":\"tok\"}").resume());
        assertTrue(parse("{\"user\":\"alice\"}").passwordDigest().isEmpty());
        assertTrue(parse("{\"user\":7,\"password\":\"pw\"}").username().isEmpty());
        assertTrue(parse("{\"user\":\"alice\",\"password\":7}").passwordDigest().isEmpty());
    }
}
