package org.tokenmint.sessions.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.tokenmint.users.control.Passwords;

/**
 * A {@code login} body in any of Rocket.Chat's forms: {@code {resume}}, or an identity ({@code user} as a name or
 * an email, {@code user:{username}}, {@code user:{email}}, {@code username}, {@code email}) with a password, plain
 * or as {@code {digest, algorithm:"sha-256"}} (exactly that algorithm, the digest compared as sent). A body that fits no form is empty: the caller answers 401.
 */
public record LoginRequest(Optional<String> resume, Optional<String> username, Optional<String> email,
        Optional<String> passwordDigest) {

    public static LoginRequest parse(JsonObject body) {
        Optional<String> resume = string(body.get("resume"));
        if (resume.isPresent()) {
            return new LoginRequest(resume, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<String> username = Optional.empty();
        Optional<String> email = Optional.empty();
        JsonValue user = body.get("user");
        if (user != null && user.getValueType() == JsonValue.ValueType.STRING) {
            String value = ((JsonString) user).getString();
            if (value.contains("@")) {
                email = Optional.of(value);
            } else {
                username = Optional.of(value);
            }
        } else if (user != null && user.getValueType() == JsonValue.ValueType.OBJECT) {
            username = string(user.asJsonObject().get("username"));
            email = string(user.asJsonObject().get("email"));
        } else {
            username = string(body.get("username"));
            email = string(body.get("email"));
        }
        return new LoginRequest(Optional.empty(), username, email, digest(body.get("password")));
    }

    /** Never prints the resume token or the digest (either one logs in). */
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", email=" + email + ", resume=" + resume.isPresent() + "]";
    }

    /** The lowercase hex sha-256 of the password, whichever form the client sent it in. */
    static Optional<String> digest(JsonValue password) {
        if (password == null) {
            return Optional.empty();
        }
        if (password.getValueType() == JsonValue.ValueType.STRING) {
            return Optional.of(Passwords.digest(((JsonString) password).getString()));
        }
        if (password.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject form = password.asJsonObject();
            if (!string(form.get("algorithm")).filter("sha-256"::equals).isPresent()) {
                return Optional.empty();
            }
            return string(form.get("digest"));
        }
        return Optional.empty();
    }

    static Optional<String> string(JsonValue value) {
        if (value != null && value.getValueType() == JsonValue.ValueType.STRING) {
            String text = ((JsonString) value).getString();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        return Optional.empty();
    }
}
