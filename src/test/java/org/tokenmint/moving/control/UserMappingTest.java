package org.tokenmint.moving.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.tokenmint.moving.entity.ImportedToken;
import org.tokenmint.moving.entity.ImportedUser;

/** The generated export, in each of mongoexport's forms, read and mapped as the job does it. */
class UserMappingTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RocketChatExport.Form.class)
    void everyFormMapsToTheSameUsers(RocketChatExport.Form form) throws IOException {
        RocketChatExport export = RocketChatExport.generate("t", NOW, form, 3, 2, 7);
        export.writeTo(dir);
        ExportFolder folder = new ExportFolder(dir);
        assertEquals(Optional.of(30), folder.loginExpirationDays());
        Set<String> roles = new HashSet<>(Set.of("admin", "user", "bot"));
        roles.addAll(folder.userRoleIds());
        assertFalse(roles.contains("owner"), "Subscriptions roles are not imported");
        assertTrue(roles.contains(export.supportRole()) && roles.contains(export.auditorRole()));
        UserMapping mapping = new UserMapping(NOW.minus(Duration.ofDays(30)), roles, NOW);

        List<ImportedUser> users = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        int malformed = 0;
        try (ExportReader reader = folder.open(ExportFolder.USERS)) {
            for (ExportReader.Record r = reader.next(); r != null; r = reader.next()) {
                if (r.isMalformed()) {
                    malformed++;
                    continue;
                }
                try {
                    users.add(mapping.map(r.document()));
                } catch (UserMapping.Rejected e) {
                    rejected.add(e.outcome() + ": " + e.getMessage());
                }
            }
        }
        assertEquals(export.malformedUsers(), malformed);
        assertEquals(List.of("skipped: no username (the user never chose one)"), rejected);
        Map<String, ImportedUser> byName = users.stream()
                .collect(Collectors.toMap(ImportedUser::username, Function.identity()));
        for (RocketChatExport.ExpectedUser expected : export.users()) {
            ImportedUser user = byName.get(expected.username());
            assertEquals(expected.id(), user.id());
            assertEquals(expected.active(), user.active());
            assertEquals(expected.type(), user.type());
            if (!expected.outcome().equals("conflict")) {
                assertEquals(expected.roles(), user.roles(), expected.username());
                assertEquals(expected.password() != null, user.hasPassword(), expected.username());
            }
            assertEquals(expected.liveTokens().stream().map(RocketChatExport::hashedToken).toList(),
                    user.tokens().stream().map(ImportedToken::hashedToken).toList(), expected.username());
            assertEquals(expected.expiredTokens().size(), user.expiredTokens(), expected.username());
        }
        ImportedUser alice = byName.get("t-alice");
        assertEquals("t-alice@example.org", alice.email());
        assertTrue(alice.emailVerified());
        assertEquals(1, alice.utcOffset());
        assertNull(alice.requirePasswordChange());
        assertTrue(alice.notes().contains("1 personal access token(s) not carried over"), alice.notes().toString());
        ImportedUser bob = byName.get("t-bob");
        assertTrue(bob.passwordHash().startsWith("$2a$10$"));
        assertEquals(5, bob.utcOffset());
        assertEquals(Boolean.TRUE, bob.requirePasswordChange());
        assertTrue(bob.notes().contains("utcOffset 5.5 stored as 5"), bob.notes().toString());
        assertTrue(bob.notes().stream().anyMatch(n -> n.contains("ghost-role")), bob.notes().toString());
        assertNull(byName.get("t-bot").email());
        assertEquals(-3, byName.get("t-oauth").utcOffset());
        assertTrue(byName.get("t-oauth").notes().contains("no password; signs in with google"),
                byName.get("t-oauth").notes().toString());
        assertTrue(byName.get("t-ldap").notes().contains("no password; signs in with ldap"));
        assertEquals(NOW.minus(Duration.ofDays(2)), byName.get("t-carol").updatedAt());
    }

    @Test
    void aDocumentWithoutUsableFieldsIsRejectedOrDefaulted() {
        UserMapping mapping = new UserMapping(NOW.minus(Duration.ofDays(90)), Set.of("user"), NOW);
        assertEquals("malformed", assertThrows(UserMapping.Rejected.class,
                () -> mapping.map(Json.createObjectBuilder().add("username", "x").build())).outcome());
        assertEquals("malformed", assertThrows(UserMapping.Rejected.class, () -> mapping.map(Json.createObjectBuilder()
                .add("_id", "has a space").add("username", "x").build())).outcome());
        assertEquals("malformed", assertThrows(UserMapping.Rejected.class, () -> mapping.map(Json.createObjectBuilder()
                .add("_id", "abc").add("username", "x".repeat(121)).build())).outcome());
        ImportedUser bare = mapping.map(Json.createReader(new StringReader("{\"_id\":\"abc\",\"username\":\"x\","
                + "\"services\":{\"password\":{\"bcrypt\":\"not-a-hash\"},\"resume\":{\"loginTokens\":["
                + "{\"hashedToken\":\"short\",\"when\":{\"$date\":\"2026-11-30T00:00:00Z\"}},{\"when\":1}]}}}"))
                .readObject());
        assertEquals("x", bare.name());
        assertNull(bare.passwordHash());
        assertTrue(bare.active());
        assertEquals("user", bare.type());
        assertEquals(NOW, bare.createdAt());
        assertEquals(List.of(), bare.roles());
        assertEquals(List.of(), bare.tokens());
        assertEquals(List.of("no usable bcrypt password hash", "2 login token(s) without a hashedToken or when"),
                bare.notes());
    }

    @Test
    void theFolderReadsTheExpiryFromValueOrPackageValue() throws IOException {
        Files.writeString(dir.resolve("rocketchat_settings.json"),
                "{\"_id\":\"Accounts_LoginExpiration\",\"value\":\"14\"}\n");
        assertEquals(Optional.of(14), new ExportFolder(dir).loginExpirationDays());
        Files.writeString(dir.resolve("rocketchat_settings.json"),
                "{\"_id\":\"Accounts_LoginExpiration\",\"value\":0,\"packageValue\":{\"$numberInt\":\"90\"}}\n");
        assertEquals(Optional.empty(), new ExportFolder(dir).loginExpirationDays(), "0 is not a positive value");
        Files.writeString(dir.resolve("rocketchat_settings.json"),
                "{\"_id\":\"Accounts_LoginExpiration\",\"packageValue\":{\"$numberInt\":\"90\"}}\n");
        assertEquals(Optional.of(90), new ExportFolder(dir).loginExpirationDays());
        Files.delete(dir.resolve("rocketchat_settings.json"));
        assertEquals(Optional.empty(), new ExportFolder(dir).loginExpirationDays());
    }
}
