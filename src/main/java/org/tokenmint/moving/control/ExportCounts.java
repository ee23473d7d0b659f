package org.tokenmint.moving.control;

/**
 * What an export wrote, kept by its steps as their persistent user data so that a restarted step goes on counting: as
 * a {@code String} ({@code "users,loginTokens,personalAccessTokens,roles,permissions"}), which both servers' job
 * repositories read back. Payara's JBatch looks the classes of persistent data up with {@code ClassLoader.loadClass},
 * which finds no array class: a {@code long[]} failed with {@code ClassNotFoundException: [J}.
 */
public record ExportCounts(long users, long loginTokens, long personalAccessTokens, long roles, long permissions) {

    static final ExportCounts NONE = new ExportCounts(0, 0, 0, 0, 0);

    static ExportCounts of(Object data) {
        if (!(data instanceof String text)) {
            return NONE;
        }
        String[] parts = text.split(",");
        if (parts.length != 5) {
            return NONE;
        }
        try {
            return new ExportCounts(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]), Long.parseLong(parts[4]));
        } catch (NumberFormatException e) {
            return NONE;
        }
    }

    String persistent() {
        return users + "," + loginTokens + "," + personalAccessTokens + "," + roles + "," + permissions;
    }

    ExportCounts plus(ExportCounts other) {
        return new ExportCounts(users + other.users, loginTokens + other.loginTokens,
                personalAccessTokens + other.personalAccessTokens, roles + other.roles,
                permissions + other.permissions);
    }
}
