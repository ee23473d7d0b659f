package org.tokenmint.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.tokenmint.users.control.Passwords;
import org.tokenmint.users.control.Users;

/**
 * Rocket.Chat's password fallback ({@code PasswordCheckFallback}): the code is the lowercase hex sha-256 of the
 * user's password (upper case is accepted, as Rocket.Chat lower-cases it; the plain password is refused). Offered when
 * {@code Accounts_TwoFactorAuthentication_Enforce_Password_Fallback} is on and the user has a password.
 */
@ApplicationScoped
public class PasswordFallback implements TwoFactorMethod {

    @Inject
    TwoFactorSettings settings;

    @Override
    public String name() {
        return "password";
    }

    @Override
    public boolean availableFor(Users.Credentials user) {
        return settings.passwordFallback() && user.passwordHash() != null && !user.passwordHash().isEmpty();
    }

    @Override
    public boolean verify(Users.Credentials user, String code) {
        return Passwords.matchesDigest(code.toLowerCase(Locale.ROOT), user.passwordHash());
    }

    @Override
    public int rank() {
        // Rocket.Chat tries its real second factors (TOTP, e-mail) first and the password last.
        return 100;
    }
}
