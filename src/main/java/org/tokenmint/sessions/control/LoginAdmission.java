package org.tokenmint.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.tokens.control.TokenIssuer;
import org.tokenmint.tokens.control.Tokens;
import org.tokenmint.tokens.entity.Contract;
import org.tokenmint.tokens.entity.LiveToken;
import org.tokenmint.users.control.Users;
import org.tokenmint.users.entity.User;

/** The transactional end of a login, once the credential has been checked ({@link Logins}). */
@ApplicationScoped
public class LoginAdmission {

    @Inject
    Users users;

    @Inject
    Tokens tokens;

    @Inject
    TokenIssuer issuer;

    @Inject
    LoginBlocking blocking;

    /**
     * After the password matched: locks the user, refuses if their password changed or the user is gone meanwhile
     * (as a wrong password) or deactivated (Rocket.Chat's "not activated"), stamps {@code lastLogin}, mints, and
     * resets the user's failed-login count.
     */
    @Transactional
    public Logins.Session admit(String userId, String verifiedHash, String clientAddress) {
        users.lockById(userId).orElseThrow(Logins::unauthorized);
        User user = users.findById(userId).filter(u -> verifiedHash.equals(u.getPasswordHash()))
                .orElseThrow(Logins::unauthorized);
        if (!user.isActive()) {
            throw Logins.refusedAttempt("error-user-is-not-activated", "User is not activated");
        }
        user.loggedIn(WireDates.now());
        String token = issuer.issueLocked(userId, Contract.LOGIN, userId, clientAddress).authToken();
        blocking.succeeded(user.profile());
        return new Logins.Session(user.profile(), token);
    }

    @Transactional
    public Logins.Session resume(String token) {
        LiveToken live = tokens.resume(token).orElseThrow(Logins::unauthorized);
        User user = users.findById(live.user().id()).orElseThrow(Logins::unauthorized);
        user.loggedIn(WireDates.now());
        return new Logins.Session(user.profile(), token);
    }

}
