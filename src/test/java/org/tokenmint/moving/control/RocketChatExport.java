package org.tokenmint.moving.control;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Test data: a Rocket.Chat export as {@code mongoexport} writes it, of the shape of Rocket.Chat's user document
 * (packages/core-typings {@code IUser}: {@code _id}, {@code createdAt}, {@code _updatedAt}, {@code services.password
 * .bcrypt}, {@code services.resume.loginTokens[{when, hashedToken}]}, {@code emails[{address, verified}]},
 * {@code type}, {@code active}, {@code roles}, {@code name}, {@code username}, {@code utcOffset}, {@code lastLogin},
 * {@code requirePasswordChange}), with the users an organisation has: admins, users of a custom role, a deactivated
 * user, a bot, OAuth-only and LDAP users without a password, a user who never chose a username, one whose username is
 * tokenmint's own {@code admin}, live and expired login tokens, a personal access token, malformed lines. Roles (two of
 * scope Subscriptions), permissions (some tokenmint does not know) and settings ({@code Accounts_LoginExpiration} 30
 * days, so a 45-day-old token is expired though tokenmint's own 90 days would take it) come with it.
 *
 * <p>Every name starts with the prefix given, so that each test has its own users; {@link #users()} says what each
 * user's password and tokens are and what the import must make of them.
 */
public final class RocketChatExport {

    /** How mongoexport wrote the files: JSON lines or {@code --jsonArray}, relaxed or {@code --jsonFormat=canonical}. */
    public enum Form {
        LINES_RELAXED(false, false), LINES_CANONICAL(false, true), ARRAY_RELAXED(true, false),
        ARRAY_CANONICAL(true, true);

        final boolean array;
        final boolean canonical;

        Form(boolean array, boolean canonical) {
            this.array = array;
            this.canonical = canonical;
        }
    }

    /**
     * One user of the export and what the import must make of it: {@code outcome} as reported; {@code password} null
     * for a user without one; {@code liveTokens} the plain tokens that must answer {@code me}, {@code expiredTokens}
     * those that must not.
     */
    public record ExpectedUser(String id, String username, String password, boolean active, String type,
            List<String> roles, List<String> liveTokens, List<String> expiredTokens, String outcome) {
    }

    public static final int EXPORT_EXPIRATION_DAYS = 30;
    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";

    private final String prefix;
    private final Instant now;
    private final Form form;
    private final Random random;
    private final List<JsonValue> users = new ArrayList<>();
    private final List<String> malformedUserLines = new ArrayList<>();
    private final List<ExpectedUser> expected = new ArrayList<>();
    private final String supportRole;
    private final String auditorRole;
    private String sharedHash;

    private RocketChatExport(String prefix, Instant now, Form form, long seed) {
        this.prefix = prefix;
        this.now = now;
        this.form = form;
        this.random = new Random(seed);
        this.supportRole = prefix + "-support";
        this.auditorRole = id();
    }

    /**
     * @param extraUsers plain users beyond the fixed cast (each with the same password, {@code pw-extra}, and
     *        {@code tokensEach} live tokens), for volume
     */
    public static RocketChatExport generate(String prefix, Instant now, Form form, int extraUsers, int tokensEach,
            long seed) {
        RocketChatExport export = new RocketChatExport(prefix, now, form, seed);
        export.cast();
        for (int i = 0; i < extraUsers; i++) {
            export.extra(i, tokensEach);
        }
        return export;
    }

    public List<ExpectedUser> users() {
        return expected;
    }

    public String supportRole() {
        return supportRole;
    }

    public String auditorRole() {
        return auditorRole;
    }

    /** Malformed records in users.json (lines that are no JSON object, or in an array a non-object element). */
    public int malformedUsers() {
        return malformedUserLines.size();
    }

    private void cast() {
        String alice = prefix + "-alice";
        List<String> aliceLive = List.of(token(), token());
        List<String> aliceExpired = List.of(token(), token());
        users.add(user(id(), alice, "Alice Admin", alice + "@example.org", true, hash("pw-" + alice, 'b'), true,
                "user", List.of("user", "admin"), aliceLive, aliceExpired, true, 1));
        expect(alice, "pw-" + alice, true, "user", List.of("user", "admin"), aliceLive, aliceExpired, "imported");

        String bob = prefix + "-bob";
        List<String> bobLive = List.of(token());
        // $2a$, a fractional utcOffset, a role the export does not define and tokenmint does not have
        users.add(user(id(), bob, "Bob Support", bob + "@example.org", false, hash("pw-" + bob, 'a'), true, "user",
                List.of("user", supportRole, auditorRole, "ghost-role"), bobLive, List.of(), false, 5.5));
        expect(bob, "pw-" + bob, true, "user", List.of("user", supportRole, auditorRole), bobLive, List.of(),
                "imported");

        String carol = prefix + "-carol";
        users.add(user(id(), carol, "Carol Gone", carol + "@example.org", true, hash("pw-" + carol, 'b'), false,
                "user", List.of("user"), List.of(), List.of(token()), false, 0));
        expect(carol, "pw-" + carol, false, "user", List.of("user"), List.of(), lastExpired(), "imported");

        String bot = prefix + "-bot";
        List<String> botLive = List.of(token());
        users.add(user(id(), bot, "Build Bot", null, false, hash("pw-" + bot, 'b'), true, "bot", List.of("bot"),
                botLive, List.of(), false, 0));
        expect(bot, "pw-" + bot, true, "bot", List.of("bot"), botLive, List.of(), "imported");

        String oauth = prefix + "-oauth";
        List<String> oauthLive = List.of(token());
        JsonObjectBuilder google = Json.createObjectBuilder().add("id", "1" + random.nextInt(1_000_000))
                .add("email", oauth + "@gmail.example").add("accessToken", "ya29.not-a-real-token")
                .add("expiresAt", date(now.plus(Duration.ofHours(1))));
        users.add(withService(user(id(), oauth, "Olga OAuth", oauth + "@gmail.example", true, null, true, "user",
                List.of("user"), oauthLive, List.of(), false, -3), "google", google));
        expect(oauth, null, true, "user", List.of("user"), oauthLive, List.of(), "imported-without-password");

        String ldap = prefix + "-ldap";
        JsonObjectBuilder ldapService = Json.createObjectBuilder().add("id", "cn=" + ldap + ",dc=example,dc=org")
                .add("idAttribute", "dn");
        users.add(withService(user(id(), ldap, "Lars LDAP", ldap + "@corp.example", true, null, true, "user",
                List.of("user"), List.of(), List.of(), false, 1), "ldap", ldapService));
        expect(ldap, null, true, "user", List.of("user"), List.of(), List.of(), "imported-without-password");

        // registered through OAuth and never chose a username
        JsonObjectBuilder nameless = Json.createObjectBuilder().add("_id", id())
                .add("createdAt", date(now.minus(Duration.ofDays(3)))).add("type", "user")
                .add("emails", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("address", prefix + "-nameless@example.org").add("verified", false)))
                .add("active", true).add("roles", Json.createArrayBuilder().add("user"))
                .add("services", Json.createObjectBuilder().add("github", Json.createObjectBuilder().add("id", 42)));
        users.add(nameless.build());

        // Rocket.Chat's own admin: tokenmint already has one named admin
        users.add(user(id(), "admin", "Rocket.Chat Admin", prefix + "-rcadmin@example.org", true,
                hash("pw-" + prefix, 'b'), true, "user", List.of("user", "admin"), List.of(), List.of(), false, 0));
        expect("admin", null, true, "user", List.of(), List.of(), List.of(), "conflict");

        if (form.array) {
            users.add(Json.createValue(42));
            malformedUserLines.add("42");
        } else {
            malformedUserLines.add("{\"_id\":\"" + id() + "\",\"username\":\"" + prefix + "-cut");
            malformedUserLines.add("this is not JSON");
        }
    }

    private List<String> lastExpired() {
        return expiredOfLast;
    }

    private List<String> expiredOfLast = List.of();

    private void extra(int i, int tokensEach) {
        if (sharedHash == null) {
            sharedHash = hash("pw-extra", 'b');
        }
        String username = prefix + "-user" + i;
        List<String> live = new ArrayList<>();
        for (int t = 0; t < tokensEach; t++) {
            live.add(token());
        }
        users.add(user(id(), username, "User " + i, username + "@example.org", i % 2 == 0, sharedHash, true, "user",
                List.of("user"), live, List.of(), false, 0));
        expect(username, "pw-extra", true, "user", List.of("user"), live, List.of(), "imported");
    }

    private void expect(String username, String password, boolean active, String type, List<String> roles,
            List<String> live, List<String> expired, String outcome) {
        JsonObject doc = (JsonObject) users.get(users.size() - 1);
        expected.add(new ExpectedUser(doc.getString("_id"), username, password, active, type, roles, live, expired,
                outcome));
    }

    private JsonObject user(String id, String username, String name, String email, boolean verified,
            String bcrypt, boolean active, String type, List<String> roles, List<String> live,
            List<String> expired, boolean personalToken, double utcOffset) {
        Instant created = now.minus(Duration.ofDays(400 + random.nextInt(300)));
        JsonArrayBuilder tokens = Json.createArrayBuilder();
        for (String token : live) {
            tokens.add(Json.createObjectBuilder().add("when", date(now.minus(Duration.ofHours(1 + random.nextInt(
                    24 * (EXPORT_EXPIRATION_DAYS - 2)))))).add("hashedToken", hashedToken(token)));
        }
        int n = 0;
        for (String token : expired) {
            // the first is past tokenmint's 90 days too, the others only past the export's 30
            Duration age = Duration.ofDays(n++ == 0 ? 200 : 45);
            tokens.add(Json.createObjectBuilder().add("when", date(now.minus(age)))
                    .add("hashedToken", hashedToken(token)));
        }
        expiredOfLast = expired;
        if (personalToken) {
            tokens.add(Json.createObjectBuilder().add("hashedToken", hashedToken(token()))
                    .add("type", "personalAccessToken").add("createdAt", date(now.minus(Duration.ofDays(10))))
                    .add("lastTokenPart", "abcdef").add("name", "ci").add("bypassTwoFactor", false));
        }
        JsonObjectBuilder services = Json.createObjectBuilder()
                .add("resume", Json.createObjectBuilder().add("loginTokens", tokens));
        if (bcrypt != null) {
            services.add("password", Json.createObjectBuilder().add("bcrypt", bcrypt));
            services.add("email2fa", Json.createObjectBuilder().add("enabled", true)
                    .add("changedAt", date(created)));
        }
        JsonObjectBuilder doc = Json.createObjectBuilder().add("_id", id).add("createdAt", date(created))
                .add("services", services);
        if (email != null) {
            doc.add("emails", Json.createArrayBuilder().add(Json.createObjectBuilder().add("address", email)
                    .add("verified", verified)));
        }
        doc.add("type", type).add("status", "offline").add("active", active)
                .add("_updatedAt", date(now.minus(Duration.ofDays(2))));
        JsonArrayBuilder roleArray = Json.createArrayBuilder();
        roles.forEach(roleArray::add);
        doc.add("roles", roleArray).add("name", name).add("lastLogin", date(now.minus(Duration.ofDays(1))))
                .add("statusConnection", "offline").add("username", username)
                .add("utcOffset", number(utcOffset));
        if (username.endsWith("-bob")) {
            doc.add("requirePasswordChange", true);
        }
        doc.add("settings", Json.createObjectBuilder().add("preferences", Json.createObjectBuilder()
                .add("language", "en")));
        return doc.build();
    }

    private static JsonObject withService(JsonObject user, String name, JsonObjectBuilder service) {
        JsonObjectBuilder services = Json.createObjectBuilder(user.getJsonObject("services")).add(name, service);
        return Json.createObjectBuilder(user).add("services", services).build();
    }

    /** Writes the four files into {@code dir}. */
    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            write(dir.resolve("users.json"), users, malformedUserLines);
            write(dir.resolve("rocketchat_roles.json"), roles(), List.of());
            write(dir.resolve("rocketchat_permissions.json"), permissions(), List.of("{\"_id\":"));
            write(dir.resolve("rocketchat_settings.json"), settings(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Path file, List<JsonValue> docs, List<String> malformed) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (form.array) {
                out.write("[");
                for (int i = 0; i < docs.size(); i++) {
                    out.write((i == 0 ? "" : ",") + docs.get(i) + "\n");
                }
                out.write("]\n");
            } else {
                int m = 0;
                for (int i = 0; i < docs.size(); i++) {
                    out.write(docs.get(i) + "\n");
                    if (m < malformed.size() && i % 3 == 1) {
                        out.write(malformed.get(m++) + "\n");
                    }
                }
                while (m < malformed.size()) {
                    out.write(malformed.get(m++) + "\n");
                }
            }
        }
    }

    private List<JsonValue> roles() {
        List<JsonValue> roles = new ArrayList<>();
        for (String builtIn : List.of("admin", "user", "bot", "guest", "app")) {
            roles.add(role(builtIn, builtIn, "Users", "", true));
        }
        roles.add(role("owner", "owner", "Subscriptions", "Owner", true));
        roles.add(role("moderator", "moderator", "Subscriptions", "Moderator", true));
        roles.add(role(supportRole, prefix + " Support", "Users", "First-line support", false));
        roles.add(role(auditorRole, prefix + " Auditor", null, "Reads the audit trail", false));
        return roles;
    }

    private JsonValue role(String id, String name, String scope, String description, boolean isProtected) {
        JsonObjectBuilder role = Json.createObjectBuilder().add("_id", id).add("name", name);
        if (scope != null) {
            role.add("scope", scope);
        }
        return role.add("description", description).add("protected", isProtected).add("mandatory2fa", false)
                .add("_updatedAt", date(now.minus(Duration.ofDays(30)))).build();
    }

    private List<JsonValue> permissions() {
        return List.of(
                permission("view-full-other-user-info", null, "admin", supportRole, "ghost-role"),
                permission("create-user", null, "admin"),
                permission("post-readonly", null, "admin", "owner", "moderator"),
                permission("view-l-room", null, "admin", "livechat-manager", "livechat-agent"),
                permission("change-setting-Accounts_LoginExpiration", "settings", "admin"));
    }

    private JsonValue permission(String id, String level, String... roles) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (String role : roles) {
            array.add(role);
        }
        JsonObjectBuilder permission = Json.createObjectBuilder().add("_id", id).add("roles", array)
                .add("_updatedAt", date(now.minus(Duration.ofDays(5))));
        if (level != null) {
            permission.add("level", level).add("groupPermissionId", "manage-selected-settings");
        }
        return permission.build();
    }

    private List<JsonValue> settings() {
        return List.of(
                Json.createObjectBuilder().add("_id", "Site_Name").add("type", "string").add("value", "Rocket.Chat")
                        .add("packageValue", "Rocket.Chat").build(),
                Json.createObjectBuilder().add("_id", "Accounts_LoginExpiration").add("type", "int")
                        .add("value", number(EXPORT_EXPIRATION_DAYS)).add("packageValue", number(90))
                        .add("_updatedAt", date(now.minus(Duration.ofDays(60)))).build());
    }

    /** A date as mongoexport writes it in this form. */
    private JsonObject date(Instant instant) {
        if (form.canonical) {
            return Json.createObjectBuilder().add("$date", Json.createObjectBuilder()
                    .add("$numberLong", Long.toString(instant.toEpochMilli()))).build();
        }
        return Json.createObjectBuilder().add("$date", instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .toString()).build();
    }

    private JsonValue number(double value) {
        boolean whole = value == Math.rint(value);
        if (form.canonical) {
            return Json.createObjectBuilder().add(whole ? "$numberInt" : "$numberDouble",
                    whole ? Long.toString((long) value) : Double.toString(value)).build();
        }
        return whole ? Json.createValue((long) value) : Json.createValue(value);
    }

    private String id() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Rocket.Chat's stored form of a login token: base64(sha256(token)). */
    public static String hashedToken(String token) {
        return Base64.getEncoder().encodeToString(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Rocket.Chat's stored password: bcrypt of the hex sha-256 of the password, cost 10. */
    static String hash(String password, char version) {
        String digest = HexFormat.of().formatHex(sha256(password.getBytes(StandardCharsets.UTF_8)));
        BCrypt.Version v = version == 'a' ? BCrypt.Version.VERSION_2A : BCrypt.Version.VERSION_2B;
        return BCrypt.with(v).hashToString(10, digest.toCharArray());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
