package org.tokenmint.access.control;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method runs only for an authenticated caller holding the permission (or, with {@link #selfAllowed()}, acting
 * on itself: the argument marked {@link PermissionSubject} equals the caller's id). A refusal is answered with the
 * route's own Rocket.Chat error, {@link #denial()}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresPermission {

    @Nonbinding
    String value() default "";

    @Nonbinding
    boolean selfAllowed() default false;

    @Nonbinding
    Denial denial() default Denial.FORBIDDEN;
}
