package org.tokenmint.sessions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.Optional;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.JsonBody;
import org.tokenmint.platform.control.JsonFuzz;
import org.tokenmint.platform.control.JsonFuzz.Gen;
import org.tokenmint.platform.control.JsonFuzz.Obj;
import org.tokenmint.users.control.Passwords;

/**
 * LoginRequest.parse on any JSON object whose keys are mostly login's: it never throws (a body that fits no form is
 * an empty request, answered 401), it picks the form Rocket.Chat picks, and its toString never shows a secret.
 */
class LoginRequestFuzzTest {

    static final Gen<String> KEYS = JsonFuzz.keys("resume", "user", "username", "email", "password", "digest",
            "algorithm", "totp");

    static final Gen<Obj> BODIES = JsonFuzz.objects(KEYS, JsonFuzz.values(KEYS, JsonFuzz.frequency(
            4, JsonFuzz.unicodeStrings(10), 1, JsonFuzz.oneOf("sha-256", "SHA-256", "bob@example.com", "")), 3), 6);

    /** A body drawn from the fuzzer's bytes, or kept as written (a JSON object ending in a newline). */
    @FuzzTest(maxDuration = "1m")
    void parsesEveryObject(FuzzedDataProvider data) {
        JsonFuzz.objectTree(data, BODIES).ifPresent(LoginRequestFuzzTest::parsesAsRocketChatDoes);
    }

    static void parsesAsRocketChatDoes(Obj tree) {
        JsonObject body = JsonFuzz.object(tree);
        LoginRequest request = LoginRequest.parse(body);

        Optional<String> resume = text(body.get("resume"));
        assertEquals(resume, request.resume());
        if (resume.isPresent()) {
            assertEquals(Optional.empty(), request.username());
            assertEquals(Optional.empty(), request.email());
            assertEquals(Optional.empty(), request.passwordDigest());
        } else {
            JsonValue user = body.get("user");
            if (user instanceof JsonString name) {
                boolean email = name.getString().contains("@");
                assertEquals(email ? Optional.empty() : Optional.of(name.getString()), request.username());
                assertEquals(email ? Optional.of(name.getString()) : Optional.empty(), request.email());
            } else if (user instanceof JsonObject form) {
                assertEquals(text(form.get("username")), request.username());
                assertEquals(text(form.get("email")), request.email());
            } else {
                assertEquals(text(body.get("username")), request.username());
                assertEquals(text(body.get("email")), request.email());
            }
            JsonValue password = body.get("password");
            if (password instanceof JsonString plain) {
                String digest = request.passwordDigest().orElseThrow();
                assertEquals(Passwords.digest(plain.getString()), digest);
                assertTrue(digest.matches("[0-9a-f]{64}"), digest);
            } else if (password instanceof JsonObject form
                    && form.get("algorithm") instanceof JsonString algorithm && algorithm.getString().equals("sha-256")) {
                assertEquals(text(form.get("digest")), request.passwordDigest());
            } else {
                assertEquals(Optional.empty(), request.passwordDigest());
            }
        }
        String shown = request.toString();
        request.resume().filter(token -> token.length() > 3)
                .ifPresent(token -> assertFalse(shown.contains(token), "toString shows the resume token"));
        request.passwordDigest().ifPresent(digest -> assertFalse(shown.contains(digest), "toString shows the digest"));
    }

    /** The whole parsing path of login, from bytes (mutated JSON, or kept as written): a request or a 4xx envelope. */
    @FuzzTest(maxDuration = "1m")
    void rawBodiesParseOrAreRefused(FuzzedDataProvider data) {
        byte[] bytes = JsonFuzz.mutated(data, BODIES);
        try {
            LoginRequest.parse(JsonBody.read("application/json", new ByteArrayInputStream(bytes)));
        } catch (ApiError error) {
            JsonFuzz.assertClientError(error);
        }
    }

    /** A non-empty string, as Rocket.Chat's login handlers read one. */
    static Optional<String> text(JsonValue value) {
        return value instanceof JsonString s && !s.getString().isEmpty() ? Optional.of(s.getString()) : Optional.empty();
    }
}
