package org.tokenmint.moving.control;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A folder holding one Rocket.Chat export: a file per collection, named after it, as the README's
 * {@code mongoexport} commands write them ({@code users.json}, {@code rocketchat_roles.json},
 * {@code rocketchat_permissions.json}, and optionally {@code rocketchat_settings.json}).
 */
public record ExportFolder(Path path) {

    public static final String USERS = "users";
    public static final String ROLES = "rocketchat_roles";
    public static final String PERMISSIONS = "rocketchat_permissions";
    public static final String SETTINGS = "rocketchat_settings";
    public static final List<String> REQUIRED = List.of(USERS, ROLES, PERMISSIONS);

    /** The file of a collection. */
    public Path file(String collection) {
        return path.resolve(collection + ".json");
    }

    public boolean has(String collection) {
        return Files.isRegularFile(file(collection));
    }

    /** Streams a collection's file. */
    public ExportReader open(String collection) {
        try {
            return new ExportReader(Files.newBufferedReader(file(collection), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code Accounts_LoginExpiration} of the settings file, when it has a positive whole number of days ({@code value},
     * else {@code packageValue}, as Rocket.Chat reads a setting left at its default).
     */
    public Optional<Integer> loginExpirationDays() {
        if (!has(SETTINGS)) {
            return Optional.empty();
        }
        try (ExportReader reader = open(SETTINGS)) {
            for (ExportReader.Record record = reader.next(); record != null; record = reader.next()) {
                if (!record.isMalformed() && ExtendedJson.string(record.document().get("_id"))
                        .filter("Accounts_LoginExpiration"::equals).isPresent()) {
                    return days(record.document());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Integer> days(JsonObject setting) {
        Optional<BigDecimal> value = ExtendedJson.number(setting.get("value"))
                .or(() -> ExtendedJson.string(setting.get("value")).flatMap(ExportFolder::decimal))
                .or(() -> ExtendedJson.number(setting.get("packageValue")));
        return value.filter(v -> v.signum() > 0 && v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0)
                .map(BigDecimal::intValue).filter(days -> days > 0);
    }

    private static Optional<BigDecimal> decimal(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The ids of the roles of scope {@code Users} in the roles file (a role without a scope is one). */
    public Set<String> userRoleIds() {
        Set<String> ids = new LinkedHashSet<>();
        if (!has(ROLES)) {
            return ids;
        }
        try (ExportReader reader = open(ROLES)) {
            for (ExportReader.Record record = reader.next(); record != null; record = reader.next()) {
                if (!record.isMalformed() && isUsersScope(record.document())) {
                    ExtendedJson.string(record.document().get("_id")).ifPresent(ids::add);
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isUsersScope(JsonObject role) {
        return ExtendedJson.string(role.get("scope")).orElse("Users").equals("Users");
    }
}
