package org.tokenmint.access.control;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.entity.Caller;

/**
 * Enforces {@link RequiresPermission}, the one way a route states the permission it needs: on the control method the
 * route calls, with the route's own {@link Denial}, and {@link RequiresPermission#selfAllowed()} with a
 * {@link PermissionSubject} argument for a rule that spares a caller acting on itself (users.logout). Fails closed: no
 * caller is a 401, a binding without a permission name or a self-allowed method without a {@link PermissionSubject}
 * argument is a refusal, never a pass.
 *
 * <p>It checks at the method's entry, so a rule that the contract checks later, or only on a condition the method
 * finds out, cannot be an annotation without reordering the route's answers. Those few call
 * {@link Permissions#requireHere} instead, and only these methods (an architecture test pins the list):
 * <ul>
 *   <li>{@code users.control.Users.create}: {@code assign-admin-role} when {@code admin} is among the roles, after
 *       the roles were found to exist (after {@code create-user}, which is its annotation);</li>
 *   <li>{@code access.control.Memberships.addUserToRole}: {@code access-permissions}, then {@code assign-admin-role}
 *       for {@code admin}, after the user, the role and the membership were looked up in the same transaction
 *       (Rocket.Chat's order);</li>
 *   <li>{@code tokens.control.Tokens.createToken}: {@code user-generate-access-token} when the target is not the
 *       caller, after the gate or the secret and before any lookup; and again, inside the mint's transaction, when
 *       the name that matched the caller's resolved to another user.</li>
 * </ul>
 */
@RequiresPermission
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class PermissionInterceptor {

    @Inject
    Caller caller;

    @Inject
    Permissions permissions;

    @AroundInvoke
    public Object check(InvocationContext context) throws Exception {
        RequiresPermission rule = rule(context.getMethod());
        if (!caller.isAuthenticated()) {
            throw ApiError.unauthorized();
        }
        if (rule == null || rule.value().isEmpty()) {
            throw Denial.FORBIDDEN.error();
        }
        if (rule.selfAllowed() && caller.userId().equals(subject(context))) {
            return context.proceed();
        }
        permissions.require(caller, rule.value(), rule.denial());
        return context.proceed();
    }

    static RequiresPermission rule(Method method) {
        RequiresPermission onMethod = method.getAnnotation(RequiresPermission.class);
        return onMethod != null ? onMethod : method.getDeclaringClass().getAnnotation(RequiresPermission.class);
    }

    static Object subject(InvocationContext context) {
        Annotation[][] annotations = context.getMethod().getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof PermissionSubject) {
                    return context.getParameters()[i];
                }
            }
        }
        return null;
    }
}
