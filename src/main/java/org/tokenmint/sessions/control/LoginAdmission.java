package org.tokenmint.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Jsons;
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

    /**
     * After the password matched: locks the user, refuses if their password changed or the user is gone meanwhile
     * (as a wrong password) or deactivated (Rocket.Chat's "not activated"), stamps {@code lastLogin} and mints.
     */
    @Transactional
    public Logins.Session admit(String userId, String verifiedHash, String clientAddress) {
        users.lockById(userId).orElseThrow(Logins::unauthorized);
        User user = users.findById(userId).filter(u -> verifiedHash.equals(u.getPasswordHash()))
                .orElseThrow(Logins::unauthorized);
        if (!user.isActive()) {
            throw ApiError.withBody(401, ApiError.failure()
                    .add("error", "error-user-is-not-activated")
                    .add("status", "error")
                    .add("details", Jsons.object().add("function", "Accounts.validateLoginAttempt"))
                    .add("message", "User is not activated").build());
        }
        user.loggedIn(WireDates.now());
        String token = issuer.issueLocked(userId, Contract.LOGIN, userId, clientAddress).authToken();
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
