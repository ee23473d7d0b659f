package org.tokenmint.users.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.users.entity.Profile;
import org.tokenmint.users.entity.User;

/** The JSON shapes of a user on the wire. Never a password hash or a token. */
public final class UserJson {

    private UserJson() {
    }

    /** {@code GET me}, and {@code data.me} of login: the caller, flat, in Rocket.Chat's key order. */
    public static JsonObjectBuilder me(Profile user, URI baseUri) {
        JsonObjectBuilder me = Jsons.object()
                .add("_id", user.id())
                .add("username", user.username())
                .add("name", user.name());
        user.emailAddress().ifPresent(address -> me.add("emails", Jsons.array()
                .add(Jsons.object().add("address", address).add("verified", user.emailVerified()))));
        JsonArrayBuilder roles = Jsons.array();
        user.roles().forEach(roles::add);
        me.add("status", user.status())
                .add("active", user.active())
                .add("roles", roles)
                .add("utcOffset", user.utcOffset());
        user.passwordChangeRequired().ifPresent(required -> me.add("requirePasswordChange", required));
        user.emailAddress().filter(address -> user.emailVerified()).ifPresent(address -> me.add("email", address));
        return me.add("settings", Jsons.object().add("preferences", Jsons.object()))
                .add("avatarUrl", baseUri.toString() + "avatar/"
                        + URLEncoder.encode(user.username(), StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** users.create's {@code user}. */
    public static JsonObjectBuilder created(User user) {
        JsonObjectBuilder json = Jsons.object()
                .add("_id", user.getId())
                .add("createdAt", WireDates.format(user.getCreatedAt()))
                .add("username", user.getUsername());
        if (user.getEmail().isPresent()) {
            json.add("emails", emails(user));
        }
        json.add("type", user.getType())
                .add("status", user.getStatus())
                .add("active", user.isActive())
                .add("roles", roles(user))
                .add("name", user.getName());
        user.getRequirePasswordChange().ifPresent(required -> json.add("requirePasswordChange", required));
        return json.add("settings", Jsons.object())
                .add("_updatedAt", WireDates.format(user.getUpdatedAt()));
    }

    /**
     * users.info and users.list: the public fields, plus {@code createdAt}, {@code emails}, {@code roles},
     * {@code requirePasswordChange} and {@code lastLogin} when {@code full} (oneself, or view-full-other-user-info).
     */
    public static JsonObjectBuilder info(User user, boolean full) {
        JsonObjectBuilder json = Jsons.object().add("_id", user.getId());
        if (full) {
            json.add("createdAt", WireDates.format(user.getCreatedAt()));
        }
        json.add("username", user.getUsername());
        if (full && user.getEmail().isPresent()) {
            json.add("emails", emails(user));
        }
        json.add("type", user.getType())
                .add("status", user.getStatus())
                .add("active", user.isActive());
        if (full) {
            json.add("roles", roles(user));
        }
        json.add("name", user.getName());
        if (full) {
            user.getRequirePasswordChange().ifPresent(required -> json.add("requirePasswordChange", required));
            user.getLastLogin().ifPresent(last -> json.add("lastLogin", WireDates.format(last)));
        }
        return json.add("utcOffset", user.getUtcOffset());
    }

    static JsonArrayBuilder emails(User user) {
        JsonArrayBuilder emails = Jsons.array();
        user.getEmail().ifPresent(address -> emails.add(Jsons.object()
                .add("address", address).add("verified", user.isEmailVerified())));
        return emails;
    }

    static JsonArrayBuilder roles(User user) {
        JsonArrayBuilder roles = Jsons.array();
        user.getRoles().forEach(roles::add);
        return roles;
    }
}
