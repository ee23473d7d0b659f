package org.tokenmint.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.tokenmint.access.control.Denial;
import org.tokenmint.access.control.Memberships;
import org.tokenmint.access.control.Permissions;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.access.entity.Role;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Database;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.MeteorIds;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.users.entity.NewUser;
import org.tokenmint.users.entity.User;
import org.tokenmint.users.entity.UserAccessRevoked;

/** Owns users: lookups by id, username and email, and creation with Rocket.Chat's checks. */
@ApplicationScoped
public class Users {

    /** Rocket.Chat's default {@code UTF8_User_Names_Validation}. */
    static final Pattern USERNAME = Pattern.compile("^[0-9a-zA-Z-_.]+$");
    static final Set<String> BLOCKED = Set.of("admin", "administrator", "system", "user", "all", "here");
    static final Pattern EMAIL = Pattern.compile("^[^@]+@[^@]+$");
    /** Longest username or email a lookup can match: longer values are answered without a query. */
    public static final int MAX_NAME_LENGTH = 254;
    private static final String METHOD = "insertOrUpdateUser";
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    Permissions permissions;

    @Inject
    Database database;

    @Inject
    Caller caller;

    @Inject
    Memberships memberships;

    @Inject
    Event<UserAccessRevoked> accessRevoked;


    public Optional<User> findById(String id) {
        if (!MeteorIds.isWellFormed(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(User.class, id));
    }

    /** Case-insensitive, as Rocket.Chat's {@code findOneByUsernameIgnoringCase}. */
    public Optional<User> findByUsername(String username) {
        if (username == null || username.length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        return em.createNamedQuery(User.FIND_BY_USERNAME, User.class).setParameter("username", username)
                .getResultStream().findFirst();
    }

    /** What a password login needs of a user before its transaction: the id and the stored password hash. */
    public record Credentials(String userId, String passwordHash) {

        /** Never prints the hash. */
        @Override
        public String toString() {
            return "Credentials[userId=" + userId + "]";
        }
    }

    /**
     * For a password login: the user with this username (case-insensitively), in one plain statement, so that the
     * work before the password check is the same whether or not the user exists.
     */
    public Optional<Credentials> credentialsByUsername(String username) {
        return credentials("lower(username) = lower(?)", username);
    }

    /** The user's id and password hash by id (the two-factor step's password fallback). */
    public Optional<Credentials> credentialsById(String id) {
        return MeteorIds.isWellFormed(id) ? credentials("id = ?", id) : Optional.empty();
    }

    /** As {@link #credentialsByUsername}, by email. */
    public Optional<Credentials> credentialsByEmail(String email) {
        return credentials("lower(email) = lower(?)", email);
    }

    private Optional<Credentials> credentials(String condition, String value) {
        if (value == null || value.length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        return database.first("SELECT id, password_hash FROM users WHERE " + condition,
                row -> new Credentials(row.getString(1), row.getString(2)), value);
    }

    public Optional<User> findByEmail(String email) {
        if (email == null || email.length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        return em.createNamedQuery(User.FIND_BY_EMAIL, User.class).setParameter("email", email)
                .getResultStream().findFirst();
    }

    /**
     * users.create: the caller needs create-user; then roles, admin assignment, required fields, username,
     * availability and the email's form are checked in Rocket.Chat's order ({@code validateUserData}, then
     * {@code saveNewUser}), each failure a 400 with Rocket.Chat's details. assign-admin-role applies only when
     * {@code admin} is given and only after the roles were found to exist, so it is checked in the body, not by an
     * annotation (see {@code PermissionInterceptor}).
     */
    @Transactional
    @RequiresPermission(value = Permission.CREATE_USER, denial = Denial.ADD_USER)
    public User create(NewUser request) {
        List<String> roles = request.roles().filter(r -> !r.isEmpty()).orElse(List.of(Role.USER));
        Set<String> distinctRoles = Set.copyOf(roles);
        long known = em.createNamedQuery(Role.COUNT_BY_IDS, Long.class).setParameter("ids", distinctRoles)
                .getSingleResult();
        if (known != distinctRoles.size()) {
            throw ApiError.of("error-action-not-allowed", "The field Roles consist invalid role id",
                    details().add("action", "Assign_role"));
        }
        if (roles.contains(Role.ADMIN)) {
            permissions.requireHere(caller, Permission.ASSIGN_ADMIN_ROLE, Denial.ASSIGN_ADMIN);
        }
        String username = request.username();
        requireField(!request.name().isBlank(), "Name");
        requireField(!username.isBlank(), "Username");
        if (!USERNAME.matcher(username).matches()) {
            throw ApiError.of("error-input-is-not-a-valid-field", escape(username) + " is not a valid username",
                    details().add("input", username).add("field", "Username"));
        }
        requireField(request.setRandomPassword() || !request.password().isEmpty(), "Password");
        if (BLOCKED.contains(username.toLowerCase(Locale.ROOT))) {
            throw ApiError.of("error-blocked-username", escape(username) + " is blocked and can't be used!",
                    details().add("field", username));
        }
        if (findByUsername(username).isPresent()) {
            throw unavailable(username);
        }
        if (findByEmail(request.email()).isPresent()) {
            throw unavailable(request.email());
        }
        if (!EMAIL.matcher(request.email()).matches()) {
            throw ApiError.of("error-invalid-email", "Invalid email " + escape(request.email()),
                    Jsons.object().add("function", "RocketChat.validateEmailDomain")
                            .add("email", request.email()));
        }
        String password = request.setRandomPassword() ? randomPassword() : request.password();
        Optional<Boolean> requirePasswordChange = request.setRandomPassword() ? Optional.of(true)
                : request.requirePasswordChange();
        User user = new User(MeteorIds.next(), username, request.name(), request.email(), request.verified(),
                Passwords.hash(password), request.active(), requirePasswordChange.orElse(null), roles,
                WireDates.now());
        try {
            return insert(user);
        } catch (PersistenceException raced) {
            // Another request took the username or the email between the checks above and this insert.
            throw unavailable(violates(raced, "users_email_lower_key") ? request.email() : username);
        }
    }

    /** Stores a user without checks of the caller: for the initial admin, whom no caller creates. */
    @Transactional
    public User insert(User user) {
        em.persist(user);
        em.flush();
        return user;
    }

    /**
     * users.setActiveStatus: deactivation revokes every token at once; the last active admin stays active.
     */
    @Transactional
    @RequiresPermission(Permission.EDIT_OTHER_USER_ACTIVE_STATUS)
    public User setActiveStatus(String userId, boolean active) {
        User user = findById(userId).orElseThrow(() -> ApiError.bare("User not found"));
        if (!active) {
            memberships.requireAnotherActiveAdmin(user.member());
            user.setActive(false, WireDates.now());
            accessRevoked.fire(new UserAccessRevoked(user.getId()));
        } else {
            user.setActive(true, WireDates.now());
        }
        return user;
    }

    /** users.delete: delete-user first, then the lookup; the user, their roles and every token go. */
    @Transactional
    @RequiresPermission(Permission.DELETE_USER)
    public void delete(String userId, String username, String user) {
        User managed = fromParams(userId, username, user);
        memberships.requireAnotherActiveAdmin(managed.member());
        accessRevoked.fire(new UserAccessRevoked(managed.getId()));
        em.remove(managed);
        em.flush();
    }

    /** A page of users sorted by username; {@code count} 0 means all from {@code offset}. */
    public List<User> page(int offset, int count) {
        var query = em.createNamedQuery(User.FIND_PAGE, User.class).setFirstResult(offset);
        if (count > 0) {
            query.setMaxResults(count);
        }
        return query.getResultList();
    }

    public long countAll() {
        return em.createNamedQuery(User.COUNT_ALL, Long.class).getSingleResult();
    }

    /**
     * Rocket.Chat's {@code getUserFromParams}: a non-blank {@code userId} by id, else {@code username}, else
     * {@code user} by username (case-insensitive); the values are looked up as given.
     */
    public User fromParams(String userId, String username, String user) {
        return resolve(userId, username, user, this::findById, this::findByUsername);
    }

    /** Locks the user's row for the rest of the transaction (a mint serialises on it, so the cap holds). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> lockById(String id) {
        return MeteorIds.isWellFormed(id)
                ? database.first("SELECT id FROM users WHERE id = ? FOR UPDATE", row -> row.getString(1), id)
                : Optional.empty();
    }

    /** As {@link #lockById}, by username compared case-insensitively. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> lockByUsername(String username) {
        return username.length() <= MAX_NAME_LENGTH ? database.first(
                "SELECT id FROM users WHERE lower(username) = lower(?) FOR UPDATE", row -> row.getString(1), username)
                : Optional.empty();
    }

    static <T> T resolve(String userId, String username, String user, Function<String, Optional<T>> byId,
            Function<String, Optional<T>> byUsername) {
        Optional<T> found;
        if (given(userId)) {
            found = byId.apply(userId);
        } else if (given(username)) {
            found = byUsername.apply(username);
        } else if (given(user)) {
            found = byUsername.apply(user);
        } else {
            throw ApiError.userParamNotProvided();
        }
        return found.orElseThrow(ApiError::invalidUser);
    }

    static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    public long countWithRole(String role) {
        return em.createNamedQuery(User.COUNT_WITH_ROLE, Long.class).setParameter("role", role).getSingleResult();
    }

    static boolean violates(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    private static ApiError unavailable(String value) {
        return ApiError.of("error-field-unavailable", escape(value) + " is already in use :(",
                details().add("field", value));
    }

    /** lodash's {@code escape}, which Rocket.Chat applies to user input quoted in error reasons. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static void requireField(boolean given, String field) {
        if (!given) {
            throw ApiError.of("error-the-field-is-required", "The field " + field + " is required",
                    details().add("field", field));
        }
    }

    private static JsonObjectBuilder details() {
        return Jsons.object().add("method", METHOD);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
