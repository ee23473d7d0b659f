package org.tokenmint.platform.boundary;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The route asks for Rocket.Chat's two-factor step ({@code x-2fa-method}, {@code x-2fa-code}) after authentication
 * and the rate limit, before the route runs. The step itself, and which methods it knows, live where the logins do
 * ({@code sessions}); a route only declares that it needs it. A JAX-RS name binding: the step's filter runs for these
 * routes only, and other routes never pass through it.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TwoFactor {
}
