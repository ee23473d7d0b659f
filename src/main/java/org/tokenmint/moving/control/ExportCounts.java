package org.tokenmint.moving.control;

/**
 * What an export wrote, kept by its steps as their persistent user data ({@code long[]}: a JDK type, which both
 * servers' job repositories read back whatever class loader asks) so that a restarted step goes on counting.
 */
public record ExportCounts(long users, long loginTokens, long personalAccessTokens, long roles, long permissions) {

    static final ExportCounts NONE = new ExportCounts(0, 0, 0, 0, 0);

    static ExportCounts of(long[] data) {
        return data.length == 5 ? new ExportCounts(data[0], data[1], data[2], data[3], data[4]) : NONE;
    }

    long[] toArray() {
        return new long[] {users, loginTokens, personalAccessTokens, roles, permissions};
    }

    ExportCounts plus(ExportCounts other) {
        return new ExportCounts(users + other.users, loginTokens + other.loginTokens,
                personalAccessTokens + other.personalAccessTokens, roles + other.roles,
                permissions + other.permissions);
    }
}
