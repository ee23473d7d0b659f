package org.tokenmint.users.boundary;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.users.entity.User;

/** The JSON shapes of a user on the wire. Never a password hash or a token. */
public final class UserJson {

    private UserJson() {
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
