package org.tokenmint.sessions.control;

import org.tokenmint.users.control.Users;

/**
 * One way of passing the two-factor step ({@link TwoFactorStep}), as Rocket.Chat's {@code ICodeCheck}: the password
 * fallback today; a TOTP or e-mail method is one more bean of this type, named in {@code x-2fa-method}.
 */
public interface TwoFactorMethod {

    /** The name a client sends in {@code x-2fa-method} and gets back in {@code details.method}. */
    String name();

    /** Whether this user can pass the step with this method (the settings allow it and the user has what it needs). */
    boolean availableFor(Users.Credentials user);

    /** Whether the code proves the user; may be slow (a password check), never throws for a wrong code. */
    boolean verify(Users.Credentials user, String code);

    /** The order in which methods are offered when the client names none it may use: lowest first. */
    int rank();
}
