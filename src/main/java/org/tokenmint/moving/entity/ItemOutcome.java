package org.tokenmint.moving.entity;

/**
 * What an import did with one item of the export (a row of {@code import_items}). {@code kind} is {@code user},
 * {@code role}, {@code permission} or {@code setting}; {@code tokens} and {@code expiredTokens} are set for users.
 */
public record ItemOutcome(String kind, long position, String key, String outcome, String detail, Integer tokens,
        Integer expiredTokens) {

    public static final String IMPORTED = "imported";
    public static final String IMPORTED_WITHOUT_PASSWORD = "imported-without-password";
    public static final String WOULD_IMPORT = "would-import";
    public static final String WOULD_IMPORT_WITHOUT_PASSWORD = "would-import-without-password";
    public static final String DUPLICATE = "duplicate";
    public static final String CONFLICT = "conflict";
    public static final String MALFORMED = "malformed";
    public static final String SKIPPED = "skipped";
    public static final String EXISTS = "exists";
    public static final String UPDATED = "updated";
    public static final String WOULD_UPDATE = "would-update";
    public static final String UNKNOWN = "unknown";
    public static final String APPLIED = "applied";

    public static ItemOutcome of(String kind, long position, String key, String outcome, String detail) {
        return new ItemOutcome(kind, position, key, outcome, detail, null, null);
    }
}
