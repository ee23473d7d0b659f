package org.tokenmint.sessions.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.entity.Profile;

/** The caller on the wire, for {@code me} and login's {@code data.me}. Never a password hash or a token. */
final class MeJson {

    private MeJson() {
    }

    /** {@code GET me}, and {@code data.me} of login: the caller, flat, in Rocket.Chat's key order. */
    static JsonObjectBuilder of(Profile user, URI baseUri) {
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

}
