package org.tokenmint.moving.control;

import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.tokenmint.moving.entity.ExportedToken;
import org.tokenmint.moving.entity.ExportedUser;
import org.tokenmint.platform.control.Jsons;

/**
 * Writes Rocket.Chat's documents as {@code mongoexport} writes them by default, so that {@code mongoimport} takes them
 * as they are: one document per line, MongoDB Extended JSON v2 in relaxed form. A date is
 * {@code {"$date":"2026-12-01T10:00:00.000Z"}} (always three fractional digits, UTC) for the years 1970 to 9999, and
 * {@code {"$date":{"$numberLong":"<ms>"}}} outside them, as the relaxed form asks; numbers are plain JSON numbers.
 * Dates are cut to the millisecond, MongoDB's precision. Fields come in a fixed order, so that two exports of the
 * same rows are the same bytes.
 */
public final class MongoDocuments {

    static final DateTimeFormatter RELAXED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    static final Instant FIRST_RELAXED = Instant.EPOCH;
    static final Instant AFTER_RELAXED = Instant.parse("+10000-01-01T00:00:00Z");

    private MongoDocuments() {
    }

    /**
     * A user in Rocket.Chat's shape ({@code IUser}): {@code _id}, {@code createdAt}, {@code services.password.bcrypt}
     * (when it has a password), {@code services.resume.loginTokens} (its live tokens, login tokens as
     * {@code {when, hashedToken}} and personal access tokens as Rocket.Chat makes them), {@code emails} (when it has
     * one), {@code type}, {@code status}, {@code active}, {@code _updatedAt}, {@code roles}, {@code name},
     * {@code lastLogin} (when it has one), {@code username}, {@code utcOffset} and {@code requirePasswordChange}
     * (when set).
     */
    public static String user(ExportedUser user) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = Jsons.generator(out)) {
            json.writeStartObject().write("_id", user.id());
            date(json, "createdAt", user.createdAt());
            json.writeStartObject("services");
            if (user.passwordHash() != null) {
                json.writeStartObject("password").write("bcrypt", user.passwordHash()).writeEnd();
            }
            json.writeStartObject("resume").writeStartArray("loginTokens");
            for (ExportedToken token : user.tokens()) {
                token(json, token);
            }
            json.writeEnd().writeEnd().writeEnd();
            if (user.email() != null) {
                json.writeStartArray("emails").writeStartObject().write("address", user.email())
                        .write("verified", user.emailVerified()).writeEnd().writeEnd();
            }
            json.write("type", user.type()).write("status", user.status()).write("active", user.active());
            date(json, "_updatedAt", user.updatedAt());
            strings(json, "roles", user.roles());
            json.write("name", user.name());
            if (user.lastLogin() != null) {
                date(json, "lastLogin", user.lastLogin());
            }
            json.write("username", user.username()).write("utcOffset", user.utcOffset());
            if (user.requirePasswordChange() != null) {
                json.write("requirePasswordChange", user.requirePasswordChange());
            }
            json.writeEnd();
        }
        return out.toString();
    }

    private static void token(JsonGenerator json, ExportedToken token) {
        json.writeStartObject();
        if (token.personal()) {
            // as Rocket.Chat's generatePersonalAccessTokenOfUser stores it
            json.write("hashedToken", token.hashedToken()).write("type", "personalAccessToken");
            date(json, "createdAt", token.issuedAt());
            json.write("lastTokenPart", token.lastTokenPart()).write("name", token.name())
                    .write("bypassTwoFactor", token.bypassTwoFactor());
        } else {
            // as Meteor's Accounts stores a login token
            date(json, "when", token.issuedAt());
            json.write("hashedToken", token.hashedToken());
        }
        json.writeEnd();
    }

    /** A role ({@code IRole}): {@code _id}, {@code name}, {@code scope}, {@code description}, {@code protected}. */
    public static String role(String id, String name, String scope, String description, boolean isProtected,
            Instant updatedAt) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = Jsons.generator(out)) {
            json.writeStartObject().write("_id", id).write("name", name).write("scope", scope)
                    .write("description", description).write("protected", isProtected);
            date(json, "_updatedAt", updatedAt);
            json.writeEnd();
        }
        return out.toString();
    }

    /** A permission ({@code IPermission}): {@code _id}, {@code roles}, {@code _updatedAt}. */
    public static String permission(String id, List<String> roles, Instant updatedAt) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator json = Jsons.generator(out)) {
            json.writeStartObject().write("_id", id);
            strings(json, "roles", roles);
            date(json, "_updatedAt", updatedAt);
            json.writeEnd();
        }
        return out.toString();
    }

    /** A setting of type int ({@code ISetting}: {@code _id}, {@code type}, {@code value}). */
    public static String intSetting(String id, long value) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator json = Jsons.generator(out)) {
            json.writeStartObject().write("_id", id).write("type", "int").write("value", value).writeEnd();
        }
        return out.toString();
    }

    private static void strings(JsonGenerator json, String name, List<String> values) {
        json.writeStartArray(name);
        values.forEach(json::write);
        json.writeEnd();
    }

    /** {@code "name": {"$date": ...}} in the relaxed form. */
    static void date(JsonGenerator json, String name, Instant instant) {
        json.writeStartObject(name);
        if (instant.isBefore(FIRST_RELAXED) || !instant.isBefore(AFTER_RELAXED)) {
            json.writeStartObject("$date").write("$numberLong", Long.toString(instant.toEpochMilli())).writeEnd();
        } else {
            json.write("$date", RELAXED.format(instant));
        }
        json.writeEnd();
    }
}
