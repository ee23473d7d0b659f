package org.tokenmint.sessions.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Database;
import org.tokenmint.platform.control.IpAddresses;
import org.tokenmint.platform.control.Settings;
import org.tokenmint.platform.entity.Profile;
import org.tokenmint.sessions.control.BlockRule.Recent;
import org.tokenmint.sessions.entity.LoginBlock;
import org.tokenmint.tokens.entity.PurgeDue;
import org.tokenmint.users.control.Users;
import org.tokenmint.users.entity.User;

/**
 * Failed-login blocking as Rocket.Chat's {@code Block_Multiple_Failed_Logins_*}: password logins that failed are
 * counted per client address and per login name in PostgreSQL ({@code login_failures}), so every node counts the
 * same and a restart forgets nothing. The settings are read once, when the bean is made; their defaults are in
 * {@value Settings#DEFAULTS}.
 *
 * <p>On the hot path: one statement decides both rules before the password is checked (a blocked login costs no
 * bcrypt and opens no transaction), one INSERT counts a failure, and a successful login clears its user's names in
 * the statement it runs inside its own transaction. The login name is counted as sent (lower-cased), whether or not
 * a user has it, so an unknown name fails exactly as a known one.
 */
@ApplicationScoped
public class LoginBlocking {

    /** How a login name is kept and compared: lower-cased, as the user lookups compare. */
    static final String NAME = "lower(?)";

    static final String CHECK = "SELECT now(), a.n, a.newest, a.oldest, u.n, u.newest, u.oldest FROM "
            + newest("client_address = ?") + " a, " + newest("login_name = " + NAME) + " u";

    static final String RECORD = "INSERT INTO login_failures (login_name, client_address) VALUES (" + NAME + ", ?)";

    static final String CLEAR = "UPDATE login_failures SET login_name = NULL WHERE login_name IN (" + NAME + ", "
            + NAME + ", " + NAME + ")";

    static final String PURGE = "DELETE FROM login_failures WHERE failed_at < now() - make_interval(secs => ?)";

    /** Per address or per name: the newest failures a rule decides on, since the horizon of every current block. */
    static final String CANDIDATES = "SELECT now(), key, count(*), max(failed_at), min(failed_at) FROM ("
            + "SELECT %1$s AS key, failed_at, row_number() OVER (PARTITION BY %1$s ORDER BY failed_at DESC) AS r "
            + "FROM login_failures WHERE %1$s IS NOT NULL AND failed_at > now() - make_interval(secs => ?)) f "
            + "WHERE r <= ? GROUP BY key";

    @Inject
    @ConfigProperty(name = "Block_Multiple_Failed_Logins_Enabled")
    String enabled;

    @Inject
    @ConfigProperty(name = "Block_Multiple_Failed_Logins_By_Ip")
    String byIp;

    @Inject
    @ConfigProperty(name = "Block_Multiple_Failed_Logins_By_User")
    String byUser;

    @Inject
    @ConfigProperty(name = "Block_Multiple_Failed_Logins_Ip_Whitelist")
    Optional<String> ipWhitelist;

    @Inject
    Config config;

    @Inject
    Database database;

    @Inject
    Users users;

    BlockRule byAddress;
    BlockRule byName;
    Set<String> allowed;

    @PostConstruct
    void read() {
        boolean on = isOn(enabled);
        byAddress = new BlockRule(on && isOn(byIp),
                Settings.positiveInt(config, "Block_Multiple_Failed_Logins_Attempts_Until_Block_By_Ip"),
                Duration.ofMinutes(Settings.positiveInt(config,
                        "Block_Multiple_Failed_Logins_Time_To_Unblock_By_Ip_In_Minutes")));
        byName = new BlockRule(on && isOn(byUser),
                Settings.positiveInt(config, "Block_Multiple_Failed_Logins_Attempts_Until_Block_by_User"),
                Duration.ofMinutes(Settings.positiveInt(config,
                        "Block_Multiple_Failed_Logins_Time_To_Unblock_By_User_In_Minutes")));
        allowed = allowList(ipWhitelist);
    }

    /** A boolean setting that is on by default: only {@code false} (any case) turns it off. */
    static boolean isOn(String value) {
        return !"false".equalsIgnoreCase(value.trim());
    }

    /** The comma-separated addresses of {@code Block_Multiple_Failed_Logins_Ip_Whitelist}, in canonical form. */
    static Set<String> allowList(Optional<String> setting) {
        return setting.map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(a -> !a.isEmpty())
                .map(IpAddresses::canonical).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    /** Whether logins are counted at all: the switch is on and at least one rule with it. */
    public boolean isActive() {
        return byAddress.enabled() || byName.enabled();
    }

    /**
     * Refuses a password login while its client address (first) or its login name is blocked, in one statement.
     *
     * @param loginName the username or email of the login, or {@code null} when it names none
     */
    public void check(String loginName, String clientAddress) {
        if (!isActive()) {
            return;
        }
        int addressReads = allowed.contains(clientAddress) ? 0 : byAddress.reads();
        Optional<Decision> decision = database.first(CHECK, row -> new Decision(instant(row, 1),
                recent(row, 2), recent(row, 5)), clientAddress, addressReads, counted(loginName), byName.reads());
        decision.ifPresent(d -> {
            if (addressReads > 0 && byAddress.blockedUntil(d.address(), d.now()).isPresent()) {
                throw Logins.refusedAttempt("error-login-blocked-for-ip", "Login has been temporarily blocked For IP");
            }
            if (byName.blockedUntil(d.name(), d.now()).isPresent()) {
                throw Logins.refusedAttempt("error-login-blocked-for-user",
                        "Login has been temporarily blocked For User");
            }
        });
    }

    private record Decision(Instant now, Recent address, Recent name) {
    }

    /** Counts a failed password login of this name from this address: one INSERT, outside any transaction. */
    public void failed(String loginName, String clientAddress) {
        if (isActive()) {
            database.update(RECORD, counted(loginName), clientAddress);
        }
    }

    /**
     * The name as it is counted, or {@code null} (counted for the address only) when it is longer than any user's name
     * can be: such a name can never log in, and its lower-cased form could outgrow an index entry.
     */
    static String counted(String loginName) {
        return loginName == null || loginName.length() > Users.MAX_NAME_LENGTH ? null : loginName;
    }

    /**
     * A successful login resets its user's count: the failures of the user's username and email no longer count for
     * the name (they still count for their addresses). Runs in the login's transaction.
     */
    public void succeeded(Profile user) {
        if (isActive()) {
            clear(user.username(), user.emailAddress().orElse(null), null);
        }
    }

    private void clear(String first, String second, String third) {
        database.update(CLEAR, first, second, third);
    }

    /**
     * Lifts the block of a login name, as a successful login of that name would: when the name is a user's username
     * or email, both of that user's names are cleared. Answers the same whether or not the name was blocked or is
     * anyone's.
     */
    @RequiresPermission(Permission.MANAGE_LOGIN_BLOCKS)
    public void lift(String loginName) {
        Optional<User> user = loginName.contains("@") ? users.findByEmail(loginName) : users.findByUsername(loginName);
        clear(counted(loginName), user.map(User::getUsername).orElse(null),
                user.flatMap(User::getEmail).orElse(null));
    }

    /** One page of the current blocks, newest first, and how many there are in all. */
    public record Page(List<LoginBlock> blocks, int total) {
    }

    /** The blocks in force now under this node's settings: addresses first, then names, each newest first. */
    @RequiresPermission(Permission.MANAGE_LOGIN_BLOCKS)
    public Page current(int offset, int count) {
        List<LoginBlock> blocks = new ArrayList<>();
        if (byAddress.enabled()) {
            blocks.addAll(current(LoginBlock.Kind.IP, "client_address", byAddress).stream()
                    .filter(block -> !allowed.contains(block.key())).toList());
        }
        if (byName.enabled()) {
            blocks.addAll(current(LoginBlock.Kind.USER, "login_name", byName));
        }
        int from = Math.min(offset, blocks.size());
        int to = count == 0 ? blocks.size() : Math.min(blocks.size(), from + count);
        return new Page(List.copyOf(blocks.subList(from, to)), blocks.size());
    }

    private List<LoginBlock> current(LoginBlock.Kind kind, String column, BlockRule rule) {
        List<LoginBlock> blocks = new ArrayList<>();
        for (Candidate candidate : database.all(CANDIDATES.formatted(column), row -> new Candidate(instant(row, 1),
                row.getString(2), recent(row, 3)), seconds(rule.window().multipliedBy(2)), rule.reads())) {
            rule.blockedUntil(candidate.recent(), candidate.now()).ifPresent(until -> blocks.add(
                    new LoginBlock(kind, candidate.key(), candidate.recent().newest(), until)));
        }
        blocks.sort(Comparator.comparing(LoginBlock::since, Comparator.reverseOrder())
                .thenComparing(LoginBlock::key));
        return blocks;
    }

    private record Candidate(Instant now, String key, Recent recent) {
    }

    /**
     * Deletes the failures no rule can count any more: a block needs its failures within one window of a newest
     * failure less than a window old, so nothing older than two windows matters.
     */
    void purge(@Observes PurgeDue due) {
        if (isActive()) {
            database.update(PURGE, seconds(horizon()));
        }
    }

    Duration horizon() {
        Duration longest = byAddress.window().compareTo(byName.window()) >= 0 ? byAddress.window() : byName.window();
        return longest.multipliedBy(2);
    }

    private static double seconds(Duration duration) {
        return duration.toSeconds();
    }

    /** The newest failures of one subquery of {@link #CHECK}: a count, the newest and the oldest time. */
    static Recent recent(ResultSet row, int first) throws SQLException {
        int count = row.getInt(first);
        return count == 0 ? Recent.NONE : new Recent(count, instant(row, first + 1), instant(row, first + 2));
    }

    static Instant instant(ResultSet row, int column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                .orElse(null);
    }

    /** The subquery of the newest failures matching the condition, as many as its {@code LIMIT} parameter says. */
    private static String newest(String condition) {
        return "(SELECT count(*) AS n, max(failed_at) AS newest, min(failed_at) AS oldest FROM (SELECT failed_at "
                + "FROM login_failures WHERE " + condition + " ORDER BY failed_at DESC LIMIT ?) r)";
    }
}
