package org.tokenmint.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.tokens.control.TokenIssuer;
import org.tokenmint.tokens.control.Tokens;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.LiveToken;
import org.tokenmint.users.control.Passwords;
import org.tokenmint.users.control.Users;
import org.tokenmint.users.entity.User;

/** {@code POST login}: a password or a resume token in, a login token out. */
@ApplicationScoped
public class Logins {

    /** The user and the token to hand out. */
    public record Session(User user, String authToken) {

        /** Never prints the token. */
        @Override
        public String toString() {
            return "Session[userId=" + user.getId() + "]";
        }
    }

    @Inject
    Users users;

    @Inject
    Tokens tokens;

    @Inject
    TokenIssuer issuer;

    @Transactional
    public Session login(LoginRequest request, String clientAddress) {
        if (request.resume().isPresent()) {
            LiveToken live = tokens.resume(request.resume().get()).orElseThrow(Logins::unauthorized);
            User user = users.findById(live.user().id()).orElseThrow(Logins::unauthorized);
            user.loggedIn(WireDates.now());
            return new Session(user, request.resume().get());
        }
        if (request.passwordDigest().isEmpty()) {
            throw unauthorized();
        }
        Optional<User> found = request.username().isPresent() ? users.findByUsername(request.username().get())
                : request.email().flatMap(users::findByEmail);
        User user = found.orElseThrow(Logins::unauthorized);
        if (!Passwords.matchesDigest(request.passwordDigest().get(), user.getPasswordHash())) {
            throw unauthorized();
        }
        if (!user.isActive()) {
            throw ApiError.withBody(401, ApiError.failure()
                    .add("error", "error-user-is-not-activated")
                    .add("status", "error")
                    .add("details", Jsons.object().add("function", "Accounts.validateLoginAttempt"))
                    .add("message", "User is not activated").build());
        }
        user.loggedIn(WireDates.now());
        return new Session(user, issuer.issue(user.getId(), Contract.LOGIN, user.getId(), clientAddress).authToken());
    }

    static ApiError unauthorized() {
        return ApiError.withBody(401, ApiError.failure().add("error", "Unauthorized").add("status", "error")
                .add("message", "Unauthorized").build());
    }
}
