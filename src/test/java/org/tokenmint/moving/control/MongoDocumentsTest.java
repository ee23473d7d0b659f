package org.tokenmint.moving.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tokenmint.moving.entity.ExportedToken;
import org.tokenmint.moving.entity.ExportedUser;
import org.tokenmint.moving.entity.ImportedUser;

/** The export's documents: mongoexport's relaxed Extended JSON, in Rocket.Chat's shape, read back by the import. */
class MongoDocumentsTest {

    static final String BCRYPT = "$2b$10$" + "a".repeat(53);
    static final String HASH_1 = "A".repeat(43) + "=";
    static final String HASH_2 = "B".repeat(43) + "=";
    static final String HASH_P = "C".repeat(43) + "=";

    static ExportedUser bob(List<ExportedToken> tokens) {
        return new ExportedUser("rqXMpMkkqLHTm5TBy", "bob", "Bob \"B\" Ünal", "bob@example.com", true, BCRYPT, true,
                "user", "offline", -3, true, Instant.parse("2025-01-02T03:04:05.678901Z"),
                Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-12-01T09:00:00.5Z"),
                List.of("user", "support"), tokens);
    }

    @Test
    void aUserIsOneLineInRocketChatsShape() {
        String line = MongoDocuments.user(bob(List.of(
                ExportedToken.login(HASH_1, Instant.parse("2026-12-01T08:00:00.123456Z")),
                new ExportedToken(HASH_P, Instant.parse("2026-11-01T00:00:00Z"), true, "ci", "abcdef", false))));
        assertEquals("{\"_id\":\"rqXMpMkkqLHTm5TBy\",\"createdAt\":{\"$date\":\"2025-01-02T03:04:05.678Z\"},"
                + "\"services\":{\"password\":{\"bcrypt\":\"" + BCRYPT + "\"},\"resume\":{\"loginTokens\":["
                + "{\"when\":{\"$date\":\"2026-12-01T08:00:00.123Z\"},\"hashedToken\":\"" + HASH_1 + "\"},"
                + "{\"hashedToken\":\"" + HASH_P + "\",\"type\":\"personalAccessToken\","
                + "\"createdAt\":{\"$date\":\"2026-11-01T00:00:00.000Z\"},\"lastTokenPart\":\"abcdef\",\"name\":\"ci\","
                + "\"bypassTwoFactor\":false}]}},"
                + "\"emails\":[{\"address\":\"bob@example.com\",\"verified\":true}],\"type\":\"user\","
                + "\"status\":\"offline\",\"active\":true,\"_updatedAt\":{\"$date\":\"2026-11-30T10:00:00.000Z\"},"
                + "\"roles\":[\"user\",\"support\"],\"name\":\"Bob \\\"B\\\" Ünal\","
                + "\"lastLogin\":{\"$date\":\"2026-12-01T09:00:00.500Z\"},\"username\":\"bob\",\"utcOffset\":-3,"
                + "\"requirePasswordChange\":true}", line);
    }

    @Test
    void whatAUserLacksIsLeftOut() {
        ExportedUser oauth = new ExportedUser("x1", "olga", "Olga", null, false, null, false, "bot", "away", 0, null,
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), null, List.of(),
                List.of());
        assertEquals("{\"_id\":\"x1\",\"createdAt\":{\"$date\":\"2025-01-01T00:00:00.000Z\"},"
                + "\"services\":{\"resume\":{\"loginTokens\":[]}},\"type\":\"bot\",\"status\":\"away\","
                + "\"active\":false,\"_updatedAt\":{\"$date\":\"2025-01-01T00:00:00.000Z\"},\"roles\":[],"
                + "\"name\":\"Olga\",\"username\":\"olga\",\"utcOffset\":0}", MongoDocuments.user(oauth));
    }

    @Test
    void datesOutsideTheRelaxedRangeAreCanonical() {
        assertEquals("{\"_id\":\"p\",\"roles\":[],\"_updatedAt\":{\"$date\":{\"$numberLong\":\"-1000\"}}}",
                MongoDocuments.permission("p", List.of(), Instant.parse("1969-12-31T23:59:59Z")));
        assertEquals("{\"_id\":\"p\",\"roles\":[\"admin\"],\"_updatedAt\":{\"$date\":\"1970-01-01T00:00:00.000Z\"}}",
                MongoDocuments.permission("p", List.of("admin"), Instant.EPOCH));
        assertEquals("{\"_id\":\"p\",\"roles\":[],\"_updatedAt\":{\"$date\":\"9999-12-31T23:59:59.999Z\"}}",
                MongoDocuments.permission("p", List.of(), Instant.parse("9999-12-31T23:59:59.999999Z")));
        assertEquals("{\"_id\":\"p\",\"roles\":[],\"_updatedAt\":{\"$date\":{\"$numberLong\":\"253402300800000\"}}}",
                MongoDocuments.permission("p", List.of(), Instant.parse("+10000-01-01T00:00:00Z")));
        for (Instant instant : List.of(Instant.parse("1969-07-20T20:17:40.250Z"), Instant.EPOCH,
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2026-12-01T10:00:00.007Z"))) {
            JsonObject read = parse(MongoDocuments.permission("p", List.of(), instant));
            assertEquals(instant, ExtendedJson.date(read.get("_updatedAt")).orElseThrow(), instant.toString());
        }
    }

    @Test
    void rolesAndTheSetting() {
        assertEquals("{\"_id\":\"support\",\"name\":\"Support\",\"scope\":\"Users\",\"description\":\"First line\","
                + "\"protected\":false,\"_updatedAt\":{\"$date\":\"2026-01-01T00:00:00.000Z\"}}",
                MongoDocuments.role("support", "Support", "Users", "First line", false,
                        Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("{\"_id\":\"Accounts_LoginExpiration\",\"type\":\"int\",\"value\":90}",
                MongoDocuments.intSetting("Accounts_LoginExpiration", 90));
    }

    /** What the export writes, the import reads as the same user: the round trip's promise, without a server. */
    @Test
    void theImportReadsAnExportedUserBack() {
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        ExportedUser user = bob(List.of(ExportedToken.login(HASH_1, Instant.parse("2026-12-01T08:00:00.123Z")),
                ExportedToken.login(HASH_2, Instant.parse("2026-11-20T08:00:00Z")),
                new ExportedToken(HASH_P, Instant.parse("2026-11-01T00:00:00Z"), true, "ci", "abcdef", true)));
        ImportedUser read = new UserMapping(now.minusSeconds(90L * 86400), Set.of("user", "support"), now)
                .map(parse(MongoDocuments.user(user)));
        assertEquals(user.id(), read.id());
        assertEquals(user.username(), read.username());
        assertEquals(user.name(), read.name());
        assertEquals(user.email(), read.email());
        assertEquals(user.emailVerified(), read.emailVerified());
        assertEquals(BCRYPT, read.passwordHash());
        assertEquals(user.active(), read.active());
        assertEquals(user.type(), read.type());
        assertEquals(user.utcOffset(), read.utcOffset());
        assertEquals(user.requirePasswordChange(), read.requirePasswordChange());
        assertEquals(Instant.parse("2025-01-02T03:04:05.678Z"), read.createdAt(), "cut to the millisecond");
        assertEquals(user.updatedAt(), read.updatedAt());
        assertEquals(user.lastLogin(), read.lastLogin());
        assertEquals(user.roles(), read.roles());
        assertEquals(List.of(HASH_1, HASH_2), read.tokens().stream().map(t -> t.hashedToken()).toList());
        assertEquals(List.of("1 personal access token(s) not carried over"), read.notes());
    }

    static JsonObject parse(String line) {
        return Json.createReader(new StringReader(line)).readObject();
    }
}
