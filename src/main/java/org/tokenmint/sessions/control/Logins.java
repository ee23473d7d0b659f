package org.tokenmint.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.entity.Profile;
import org.tokenmint.tokens.control.MintTurns;
import org.tokenmint.users.control.Passwords;
import org.tokenmint.users.control.Users;

/**
 * {@code POST login}: a password or a resume token in, a login token out.
 *
 * <p>A password login is not one transaction: the user is read, the password is checked (bcrypt, tens of
 * milliseconds) holding no pooled connection, and only then does a short transaction lock the user, check that
 * nothing changed meanwhile, stamp {@code lastLogin} and mint. An unknown user costs the same bcrypt as a wrong
 * password ({@link Passwords#matchesDigest} checks against a dummy hash), so the answer's timing does not tell
 * which usernames exist.
 *
 * <p>Failed-login blocking ({@link LoginBlocking}) comes first: a login from a blocked address or for a blocked name
 * is refused after one statement, before any lookup or bcrypt. A password login that fails is counted under its name
 * and address; one that succeeds clears its user's count inside the admission's transaction.
 */
@ApplicationScoped
public class Logins {

    /** The user and the token to hand out. */
    public record Session(Profile user, String authToken) {

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Session[userId=" + user.id() + "]";
        }
    }

    private final Semaphore checks = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

    @Inject
    Users users;

    @Inject
    LoginAdmission admission;

    @Inject
    MintTurns turns;

    @Inject
    LoginBlocking blocking;

    public Session login(LoginRequest request, String clientAddress) {
        if (request.resume().isPresent()) {
            return admission.resume(request.resume().get());
        }
        if (request.passwordDigest().isEmpty()) {
            throw unauthorized();
        }
        // the name the login is counted under: the username, else the email, whether or not a user has it
        String loginName = request.username().or(request::email).orElse(null);
        blocking.check(loginName, clientAddress);
        Optional<Users.Credentials> found = request.username().isPresent()
                ? users.credentialsByUsername(request.username().get())
                : request.email().flatMap(users::credentialsByEmail);
        String storedHash = found.map(Users.Credentials::passwordHash).orElse(null);
        if (!checkPassword(request.passwordDigest().get(), storedHash) || found.isEmpty()) {
            if (loginName != null) {
                blocking.failed(loginName, clientAddress);
            }
            throw unauthorized();
        }
        String userId = found.get().userId();
        // The transaction starts in the user's turn, so that logins of one user wait holding no connection.
        return turns.inTurn(userId, () -> admission.admit(userId, storedHash, clientAddress));
    }

    /**
     * bcrypt with at most one check per processor at a time: a burst of logins then takes the CPU it needs without
     * crowding out cheap requests (a cached {@code me} waited behind eight concurrent checks on two cores before).
     * The waiting logins hold a request thread but no connection.
     */
    private boolean checkPassword(String digest, String storedHash) {
        checks.acquireUninterruptibly();
        try {
            return Passwords.matchesDigest(digest, storedHash);
        } finally {
            checks.release();
        }
    }

    /**
     * A password login refused by one of Rocket.Chat's {@code Accounts.validateLoginAttempt} rules (a deactivated
     * user, a blocked address or name): 401 with the rule's error and message.
     */
    static ApiError refusedAttempt(String error, String message) {
        return ApiError.withBody(401, ApiError.failure()
                .add("error", error)
                .add("status", "error")
                .add("details", Jsons.object().add("function", "Accounts.validateLoginAttempt"))
                .add("message", message).build());
    }

    /** Rocket.Chat's one answer for a wrong password, an unknown user and missing fields. */
    static ApiError unauthorized() {
        return ApiError.withBody(401, ApiError.failure().add("error", "Unauthorized").add("status", "error")
                .add("message", "Unauthorized").build());
    }
}
