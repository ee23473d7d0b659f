package org.tokenmint.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.users.control.Users;

/**
 * Rocket.Chat's two-factor step ({@code checkCodeForUser}) for routes that ask for it, with every
 * {@link TwoFactorMethod} bean as a method. Skipped when {@code Accounts_TwoFactorAuthentication_Enabled} is off, when
 * the caller's token was made with {@code bypassTwoFactor}, when no method is available for the user (a user without
 * a password and no other factor), or when the same token passed it from the same address and user agent within
 * {@code Accounts_TwoFactorAuthentication_RememberFor}. Otherwise a missing code is {@code totp-required} and a wrong
 * one {@code totp-invalid}; a wrong code counts as a failed login of the user's name from that address
 * ({@link LoginBlocking}).
 */
@ApplicationScoped
public class TwoFactorStep {

    @Inject
    TwoFactorSettings settings;

    @Inject
    Instance<TwoFactorMethod> methods;

    @Inject
    Users users;

    @Inject
    LoginBlocking blocking;

    TwoFactorMemory memory = new TwoFactorMemory(System::nanoTime);

    /**
     * Passes or throws the step's error.
     *
     * @param method the {@code x-2fa-method} header, or {@code null}
     * @param code   the {@code x-2fa-code} header, or {@code null}
     */
    public void check(Caller caller, String method, String code, String clientAddress, String userAgent) {
        check(caller, method, code, clientAddress, userAgent, methods.stream().toList());
    }

    /** As {@link #check(Caller, String, String, String, String)}, with the methods there are. */
    void check(Caller caller, String method, String code, String clientAddress, String userAgent,
            List<TwoFactorMethod> methods) {
        if (!settings.enabled() || caller.bypassesTwoFactor()
                || memory.remembers(caller.tokenId(), clientAddress, userAgent)) {
            return;
        }
        Users.Credentials user = users.credentialsById(caller.userId()).orElseThrow(ApiError::unauthorized);
        List<TwoFactorMethod> available = methods.stream().filter(m -> m.availableFor(user))
                .sorted(Comparator.comparingInt(TwoFactorMethod::rank)).toList();
        if (available.isEmpty()) {
            return;
        }
        TwoFactorMethod selected = Optional.ofNullable(method)
                .flatMap(name -> available.stream().filter(m -> m.name().equals(name)).findFirst())
                .orElse(available.get(0));
        if (code == null || code.isEmpty()) {
            throw error("totp-required", "TOTP Required", selected);
        }
        if (!selected.verify(user, code)) {
            blocking.failed(caller.profile().username(), clientAddress);
            throw error("totp-invalid", "TOTP Invalid", selected);
        }
        memory.passed(caller.tokenId(), clientAddress, userAgent, settings.rememberFor().toNanos());
    }

    /** Rocket.Chat's body: the method asked for, no code sent by e-mail, and no other methods listed. */
    static ApiError error(String code, String reason, TwoFactorMethod method) {
        return ApiError.of(code, reason, Jsons.object().add("method", method.name()).add("codeGenerated", false)
                .add("availableMethods", Jsons.array()));
    }
}
