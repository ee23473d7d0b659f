package org.tokenmint.moving.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tokenmint.moving.entity.ImportedToken;
import org.tokenmint.moving.entity.ImportedUser;

/**
 * Maps one Rocket.Chat user document (packages/core-typings {@code IUser}) to what tokenmint keeps of it. Pure: the
 * cut-off for expired tokens, the role ids that exist and the time of the import are given.
 *
 * <p>Carried over: {@code _id}, {@code username}, {@code name} (the username when absent), {@code emails[0]} (address,
 * verified), {@code active}, {@code type}, {@code roles} (those that exist; the others are noted),
 * {@code requirePasswordChange}, {@code utcOffset} (whole hours: a fraction is cut off and noted, tokenmint keeps an
 * integer), {@code createdAt}, {@code _updatedAt}, {@code lastLogin}, {@code services.password.bcrypt} (when it is a
 * usable bcrypt hash), and {@code services.resume.loginTokens[]} of the login kind ({@code hashedToken},
 * {@code when}) issued after the cut-off. Personal access tokens are not carried over (tokenmint has none) and
 * are noted.
 */
public final class UserMapping {

    /** A document that cannot become a user. */
    public static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String outcome;

        Rejected(String outcome, String reason) {
            super(reason, null, false, false);
            this.outcome = outcome;
        }

        public String outcome() {
            return outcome;
        }
    }

    static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    /** The users table's id column, and the characters a Meteor id or an ObjectId's hex uses. */
    static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,17}");
    static final Pattern HASHED_TOKEN = Pattern.compile("[A-Za-z0-9+/]{43}=");
    /** users.create's limits (README, "Length limits"). */
    static final int MAX_USERNAME = 120;
    static final int MAX_EMAIL = 254;
    static final int MAX_NAME = 255;

    private final Instant tokenCutoff;
    private final Set<String> roles;
    private final Instant now;

    /**
     * @param tokenCutoff tokens issued at or before this instant are expired
     * @param roles the role ids a user may hold after the import
     */
    public UserMapping(Instant tokenCutoff, Set<String> roles, Instant now) {
        this.tokenCutoff = tokenCutoff;
        this.roles = roles;
        this.now = now;
    }

    public ImportedUser map(JsonObject doc) {
        List<String> notes = new ArrayList<>();
        String id = ExtendedJson.string(doc.get("_id")).orElseThrow(() -> malformed("no _id"));
        if (!ID.matcher(id).matches()) {
            throw malformed("_id is not 1 to 17 letters, digits, '-' or '_'");
        }
        String username = ExtendedJson.string(doc.get("username")).filter(u -> !u.isBlank())
                .orElseThrow(() -> new Rejected("skipped", "no username (the user never chose one)"));
        if (username.length() > MAX_USERNAME || username.indexOf('\0') >= 0) {
            throw malformed("username longer than " + MAX_USERNAME + " characters or holding NUL");
        }
        String name = ExtendedJson.string(doc.get("name")).filter(n -> !n.isBlank()).orElse(username);
        if (name.length() > MAX_NAME || name.indexOf('\0') >= 0) {
            throw malformed("name longer than " + MAX_NAME + " characters or holding NUL");
        }
        String email = null;
        boolean verified = false;
        if (doc.get("emails") instanceof JsonArray emails && !emails.isEmpty()
                && emails.get(0) instanceof JsonObject first) {
            email = ExtendedJson.string(first.get("address")).filter(a -> !a.isBlank()).orElse(null);
            verified = ExtendedJson.bool(first.get("verified")).orElse(false);
            if (email != null && (email.length() > MAX_EMAIL || email.indexOf('\0') >= 0)) {
                throw malformed("email longer than " + MAX_EMAIL + " characters or holding NUL");
            }
            if (emails.size() > 1) {
                notes.add("only the first of " + emails.size() + " emails kept");
            }
        }
        boolean active = ExtendedJson.bool(doc.get("active")).orElse(true);
        String type = ExtendedJson.string(doc.get("type")).filter(t -> !t.isBlank()).orElse("user");
        Boolean requirePasswordChange = ExtendedJson.bool(doc.get("requirePasswordChange")).orElse(null);
        int utcOffset = utcOffset(doc.get("utcOffset"), notes);
        Instant createdAt = ExtendedJson.date(doc.get("createdAt")).orElse(now);
        Instant updatedAt = ExtendedJson.date(doc.get("_updatedAt")).orElse(now);
        Instant lastLogin = ExtendedJson.date(doc.get("lastLogin")).orElse(null);

        List<String> kept = roles(doc.get("roles"), notes);

        JsonObject services = doc.get("services") instanceof JsonObject s ? s : JsonValue.EMPTY_JSON_OBJECT;
        String passwordHash = password(services, notes);
        List<ImportedToken> tokens = new ArrayList<>();
        int expired = tokens(services, tokens, notes);

        return new ImportedUser(id, username, name, email, verified, passwordHash, active, type,
                requirePasswordChange, utcOffset, createdAt, updatedAt, lastLogin, kept, tokens, expired, notes);
    }

    private static int utcOffset(JsonValue value, List<String> notes) {
        Optional<BigDecimal> offset = ExtendedJson.number(value);
        if (offset.isEmpty()) {
            return 0;
        }
        BigDecimal hours = offset.get();
        if (hours.abs().compareTo(BigDecimal.valueOf(24)) > 0) {
            notes.add("utcOffset " + hours.toPlainString() + " out of range, stored as 0");
            return 0;
        }
        int whole = hours.intValue();
        if (hours.compareTo(BigDecimal.valueOf(whole)) != 0) {
            notes.add("utcOffset " + hours.stripTrailingZeros().toPlainString() + " stored as " + whole);
        }
        return whole;
    }

    private List<String> roles(JsonValue value, List<String> notes) {
        Set<String> kept = new LinkedHashSet<>();
        List<String> dropped = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue role : array) {
                ExtendedJson.string(role).ifPresent(r -> {
                    if (roles.contains(r)) {
                        kept.add(r);
                    } else {
                        dropped.add(r);
                    }
                });
            }
        }
        if (!dropped.isEmpty()) {
            notes.add("roles not in tokenmint or the export left out: " + String.join(", ", dropped));
        }
        return new ArrayList<>(kept);
    }

    private static String password(JsonObject services, List<String> notes) {
        if (services.get("password") instanceof JsonObject password) {
            Optional<String> bcrypt = ExtendedJson.string(password.get("bcrypt"));
            if (bcrypt.isPresent() && BCRYPT.matcher(bcrypt.get()).matches()) {
                return bcrypt.get();
            }
            notes.add("no usable bcrypt password hash");
            return null;
        }
        List<String> others = new ArrayList<>();
        services.keySet().stream().filter(k -> !k.equals("resume") && !k.equals("email2fa")
                && !k.equals("emailCode") && !k.equals("totp")).forEach(others::add);
        notes.add(others.isEmpty() ? "no password" : "no password; signs in with " + String.join(", ", others));
        return null;
    }

    private int tokens(JsonObject services, List<ImportedToken> live, List<String> notes) {
        if (!(services.get("resume") instanceof JsonObject resume)
                || !(resume.get("loginTokens") instanceof JsonArray loginTokens)) {
            return 0;
        }
        int expired = 0;
        int personal = 0;
        int unusable = 0;
        for (JsonValue entry : loginTokens) {
            if (!(entry instanceof JsonObject token)) {
                unusable++;
                continue;
            }
            if (ExtendedJson.string(token.get("type")).filter("personalAccessToken"::equals).isPresent()) {
                personal++;
                continue;
            }
            Optional<String> hash = ExtendedJson.string(token.get("hashedToken"))
                    .filter(h -> HASHED_TOKEN.matcher(h).matches());
            Optional<Instant> when = ExtendedJson.date(token.get("when"));
            if (hash.isEmpty() || when.isEmpty()) {
                unusable++;
            } else if (!when.get().isAfter(tokenCutoff)) {
                expired++;
            } else {
                live.add(new ImportedToken(hash.get(), when.get()));
            }
        }
        if (personal > 0) {
            notes.add(personal + " personal access token(s) not carried over");
        }
        if (unusable > 0) {
            notes.add(unusable + " login token(s) without a hashedToken or when");
        }
        return expired;
    }

    private static Rejected malformed(String reason) {
        return new Rejected("malformed", reason);
    }
}
