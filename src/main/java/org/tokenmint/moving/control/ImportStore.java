package org.tokenmint.moving.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tokenmint.moving.entity.ImportedToken;
import org.tokenmint.moving.entity.ImportedUser;
import org.tokenmint.moving.entity.ItemOutcome;
import org.tokenmint.platform.control.Database;

/**
 * What an import writes, in plain SQL: users with their roles and tokens (one statement each, idempotent: a user
 * whose id, username or email exists is left as it is), roles, permission assignments, and the outcome of every
 * item (the first outcome recorded for an item stays).
 *
 * <p>Every entry point runs in a transaction of its own ({@code REQUIRES_NEW}), never in the batch runtime's chunk
 * transaction: Payara's JBatch writes its checkpoint through its own job repository datasource in that transaction,
 * and a JTA transaction takes only one non-XA resource. So a chunk's users and outcomes commit just before the
 * runtime saves its checkpoint; a job that fails between the two redoes that chunk when restarted, where the inserts
 * skip the users already written and the outcomes already recorded stay as they were.
 */
@ApplicationScoped
public class ImportStore {

    /** One user, their roles (only those that exist, renumbered) and their live tokens, or nothing at all. */
    static final String INSERT_USER = """
            WITH u AS (
                INSERT INTO users (id, username, name, email, email_verified, password_hash, active, type, status,
                                   utc_offset, require_password_change, created_at, updated_at, last_login)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'offline', ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                RETURNING id),
            r AS (
                INSERT INTO user_roles (user_id, position, role_id)
                SELECT u.id, row_number() OVER (ORDER BY x.ord) - 1, x.role
                FROM u, unnest(?::text[]) WITH ORDINALITY AS x(role, ord)
                WHERE EXISTS (SELECT 1 FROM roles WHERE roles.id = x.role)),
            t AS (
                INSERT INTO login_tokens (hashed_token, user_id, issued_at)
                SELECT x.h, u.id, x.w::timestamptz FROM u, unnest(?::text[], ?::text[]) AS x(h, w)
                ON CONFLICT DO NOTHING
                RETURNING 1)
            SELECT (SELECT count(*) FROM u), (SELECT count(*) FROM t)""";

    static final String FIND_CLASH = "SELECT id, lower(username) = lower(?), lower(email) = lower(?) FROM users "
            + "WHERE id = ? OR lower(username) = lower(?) OR lower(email) = lower(?) ORDER BY id LIMIT 3";

    static final String RECORD = "INSERT INTO import_items "
            + "(import_id, kind, position, item_key, outcome, detail, tokens, expired_tokens) "
            + "SELECT ?, ?, x.p::bigint, x.k, x.o, x.d, x.t::integer, x.e::integer "
            + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS x(p, k, o, d, t, e) "
            + "ON CONFLICT DO NOTHING";

    @Inject
    Database db;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Set<String> roleIds() {
        return existingRoleIds();
    }

    private Set<String> existingRoleIds() {
        return new HashSet<>(db.all("SELECT id FROM roles", row -> row.getString(1)));
    }

    /** Writes (or, in a dry run, checks) a chunk of users and records the outcome of each of its records. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void chunk(String importId, List<Object> items, boolean dryRun) {
        List<ItemOutcome> outcomes = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof UserItem user) {
                outcomes.add(user(user.position(), user.user(), dryRun));
            } else {
                outcomes.add((ItemOutcome) item);
            }
        }
        record(importId, outcomes);
    }

    Set<String> permissionIds() {
        return new HashSet<>(db.all("SELECT id FROM permissions", row -> row.getString(1)));
    }

    /** Writes one user (or, in a dry run, only checks) and answers what became of it. */
    ItemOutcome user(long position, ImportedUser user, boolean dryRun) {
        String detail = user.notes().isEmpty() ? null : String.join("; ", user.notes());
        int tokens = user.tokens().size();
        if (!dryRun) {
            String[] hashes = user.tokens().stream().map(ImportedToken::hashedToken).toArray(String[]::new);
            String[] issued = user.tokens().stream().map(t -> t.issuedAt().toString()).toArray(String[]::new);
            long[] written = db.first(INSERT_USER, row -> new long[] {row.getLong(1), row.getLong(2)},
                    user.id(), user.username(), user.name(), user.email(), user.emailVerified(),
                    user.passwordHash(), user.active(), user.type(), user.utcOffset(), user.requirePasswordChange(),
                    user.createdAt(), user.updatedAt(), user.lastLogin(), user.roles().toArray(String[]::new),
                    hashes, issued).orElseThrow();
            if (written[0] == 1) {
                String outcome = user.hasPassword() ? ItemOutcome.IMPORTED : ItemOutcome.IMPORTED_WITHOUT_PASSWORD;
                if (written[1] < tokens) {
                    detail = join(detail, (tokens - written[1]) + " token(s) already held by another user");
                }
                return new ItemOutcome("user", position, user.id(), outcome, detail, (int) written[1],
                        user.expiredTokens());
            }
        }
        Optional<ItemOutcome> clash = clash(position, user);
        if (clash.isPresent()) {
            return clash.get();
        }
        if (!dryRun) {
            // a clash that vanished between the insert and the lookup: a concurrent delete; report, do not retry
            return ItemOutcome.of("user", position, user.id(), ItemOutcome.CONFLICT, "changed while importing");
        }
        String outcome = user.hasPassword() ? ItemOutcome.WOULD_IMPORT : ItemOutcome.WOULD_IMPORT_WITHOUT_PASSWORD;
        return new ItemOutcome("user", position, user.id(), outcome, detail, tokens, user.expiredTokens());
    }

    private Optional<ItemOutcome> clash(long position, ImportedUser user) {
        record Clash(String id, boolean username, boolean email) {
        }
        List<Clash> clashes = db.all(FIND_CLASH, row -> new Clash(row.getString(1), row.getBoolean(2),
                row.getBoolean(3)), user.username(), user.email(), user.id(), user.username(), user.email());
        for (Clash clash : clashes) {
            if (clash.id().equals(user.id())) {
                return Optional.of(ItemOutcome.of("user", position, user.id(), ItemOutcome.DUPLICATE,
                        "a user with this _id is already in tokenmint; left as it is"));
            }
        }
        for (Clash clash : clashes) {
            String what = clash.username() ? "username " + user.username() : "email " + user.email();
            return Optional.of(ItemOutcome.of("user", position, user.id(), ItemOutcome.CONFLICT,
                    what + " is taken by user " + clash.id() + "; not imported"));
        }
        return Optional.empty();
    }

    /** Records outcomes; one already recorded (a redone chunk) is kept as it is. */
    void record(String importId, List<ItemOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        int n = outcomes.size();
        String[] p = new String[n];
        String[] k = new String[n];
        String[] o = new String[n];
        String[] d = new String[n];
        String[] t = new String[n];
        String[] e = new String[n];
        String kind = outcomes.get(0).kind();
        for (int i = 0; i < n; i++) {
            ItemOutcome item = outcomes.get(i);
            if (!item.kind().equals(kind)) {
                throw new IllegalArgumentException("one kind per call");
            }
            p[i] = Long.toString(item.position());
            k[i] = item.key();
            o[i] = item.outcome();
            d[i] = item.detail();
            t[i] = item.tokens() == null ? null : item.tokens().toString();
            e[i] = item.expiredTokens() == null ? null : item.expiredTokens().toString();
        }
        db.update(RECORD, importId, kind, p, k, o, d, t, e);
    }

    /**
     * The roles of scope {@code Users}, the permission assignments of the permissions tokenmint knows, and the
     * expiry setting, in one transaction: all or nothing, so the step can simply run again.
     *
     * @param expirationDays the export's {@code Accounts_LoginExpiration}, if it has one
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void access(String importId, ExportFolder folder, boolean dryRun, Optional<Integer> expirationDays,
            Instant cutoff) {
        Set<String> roles = existingRoleIds();
        record(importId, roles(folder, dryRun, roles));
        record(importId, permissions(folder, dryRun, roles));
        record(importId, List.of(ItemOutcome.of("setting", 1, "Accounts_LoginExpiration", ItemOutcome.APPLIED,
                expirationDays.map(days -> days + " days in the export").orElse("not in the export: tokenmint's own")
                        + "; login tokens issued before " + cutoff + " are left behind as expired")));
    }

    private List<ItemOutcome> roles(ExportFolder folder, boolean dryRun, Set<String> existing) {
        List<ItemOutcome> outcomes = new ArrayList<>();
        Set<String> names = new HashSet<>(db.all("SELECT lower(name) FROM roles", row -> row.getString(1)));
        try (ExportReader reader = folder.open(ExportFolder.ROLES)) {
            for (ExportReader.Record record = reader.next(); record != null; record = reader.next()) {
                outcomes.add(role(record, dryRun, existing, names));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outcomes;
    }

    private ItemOutcome role(ExportReader.Record record, boolean dryRun, Set<String> existing, Set<String> names) {
        long position = record.position();
        if (record.isMalformed()) {
            return ItemOutcome.of("role", position, null, ItemOutcome.MALFORMED, record.malformed());
        }
        JsonObject doc = record.document();
        Optional<String> id = ExtendedJson.string(doc.get("_id")).filter(s -> !s.isBlank() && s.indexOf('\0') < 0);
        if (id.isEmpty()) {
            return ItemOutcome.of("role", position, null, ItemOutcome.MALFORMED, "no _id");
        }
        if (!ExportFolder.isUsersScope(doc)) {
            return ItemOutcome.of("role", position, id.get(), ItemOutcome.SKIPPED,
                    "scope " + ExtendedJson.string(doc.get("scope")).orElse("?") + ": tokenmint has no rooms");
        }
        if (existing.contains(id.get())) {
            return ItemOutcome.of("role", position, id.get(), ItemOutcome.EXISTS, "already in tokenmint; left as it is");
        }
        String name = ExtendedJson.string(doc.get("name")).filter(s -> !s.isBlank() && s.indexOf('\0') < 0)
                .orElse(id.get());
        if (names.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return ItemOutcome.of("role", position, id.get(), ItemOutcome.CONFLICT,
                    "another role is named " + name + "; not imported");
        }
        String description = ExtendedJson.string(doc.get("description")).filter(s -> s.indexOf('\0') < 0).orElse("");
        boolean isProtected = ExtendedJson.bool(doc.get("protected")).orElse(false);
        existing.add(id.get());
        names.add(name.toLowerCase(java.util.Locale.ROOT));
        if (dryRun) {
            return ItemOutcome.of("role", position, id.get(), ItemOutcome.WOULD_IMPORT, null);
        }
        db.update("INSERT INTO roles (id, name, scope, description, protected, updated_at) "
                + "VALUES (?, ?, 'Users', ?, ?, now()) ON CONFLICT DO NOTHING", id.get(), name, description,
                isProtected);
        return ItemOutcome.of("role", position, id.get(), ItemOutcome.IMPORTED, null);
    }

    private List<ItemOutcome> permissions(ExportFolder folder, boolean dryRun, Set<String> roles) {
        Set<String> known = permissionIds();
        List<ItemOutcome> outcomes = new ArrayList<>();
        try (ExportReader reader = folder.open(ExportFolder.PERMISSIONS)) {
            for (ExportReader.Record record = reader.next(); record != null; record = reader.next()) {
                outcomes.add(permission(record, dryRun, known, roles));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outcomes;
    }

    private ItemOutcome permission(ExportReader.Record record, boolean dryRun, Set<String> known, Set<String> roles) {
        long position = record.position();
        if (record.isMalformed()) {
            return ItemOutcome.of("permission", position, null, ItemOutcome.MALFORMED, record.malformed());
        }
        JsonObject doc = record.document();
        Optional<String> id = ExtendedJson.string(doc.get("_id"));
        if (id.isEmpty()) {
            return ItemOutcome.of("permission", position, null, ItemOutcome.MALFORMED, "no _id");
        }
        if (!known.contains(id.get())) {
            return ItemOutcome.of("permission", position, id.get(), ItemOutcome.UNKNOWN,
                    "tokenmint has no such permission; not imported");
        }
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        if (doc.get("roles") instanceof JsonArray array) {
            for (JsonValue value : array) {
                ExtendedJson.string(value).filter(r -> !kept.contains(r)).ifPresent(r -> {
                    if (roles.contains(r)) {
                        kept.add(r);
                    } else {
                        dropped.add(r);
                    }
                });
            }
        } else {
            return ItemOutcome.of("permission", position, id.get(), ItemOutcome.MALFORMED, "no roles array");
        }
        String detail = "roles: " + String.join(", ", kept)
                + (dropped.isEmpty() ? "" : "; left out (no such role): " + String.join(", ", dropped));
        if (dryRun) {
            return ItemOutcome.of("permission", position, id.get(), ItemOutcome.WOULD_UPDATE, detail);
        }
        List<String> before = db.all("SELECT role_id FROM permission_roles WHERE permission_id = ? ORDER BY position",
                row -> row.getString(1), id.get());
        if (!before.equals(kept)) {
            // only a change moves _updatedAt: an export imported again (the round trip) leaves every row as it was
            db.update("DELETE FROM permission_roles WHERE permission_id = ?", id.get());
            db.update("INSERT INTO permission_roles (permission_id, position, role_id) "
                    + "SELECT ?, x.ord - 1, x.role FROM unnest(?::text[]) WITH ORDINALITY AS x(role, ord)", id.get(),
                    kept.toArray(String[]::new));
            db.update("UPDATE permissions SET updated_at = now() WHERE id = ?", id.get());
        }
        return ItemOutcome.of("permission", position, id.get(), ItemOutcome.UPDATED, detail);
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }
}
