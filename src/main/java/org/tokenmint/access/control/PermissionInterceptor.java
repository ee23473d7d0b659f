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
 * Enforces {@link RequiresPermission}. Fails closed: no caller is a 401, a binding without a permission name or a
 * self-allowed method without a {@link PermissionSubject} argument is a refusal, never a pass.
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
        if (!permissions.has(caller, rule.value())) {
            throw rule.denial().error();
        }
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
