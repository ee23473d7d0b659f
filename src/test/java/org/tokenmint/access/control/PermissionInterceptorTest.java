package org.tokenmint.access.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.entity.Caller;
import org.tokenmint.platform.entity.Profile;

class PermissionInterceptorTest {

    /** Methods carrying the bindings under test. */
    static class Guarded {
        @RequiresPermission(value = "user-generate-access-token", selfAllowed = true, denial = Denial.CREATE_TOKEN)
        public String mint(@PermissionSubject String targetId) {
            return "minted";
        }

        @RequiresPermission("access-permissions")
        public String update() {
            return "updated";
        }

        @RequiresPermission(selfAllowed = true)
        public String unnamed(@PermissionSubject String targetId) {
            return "ran";
        }
    }

    static PermissionInterceptor interceptor(Caller caller, Set<String> grantedToRoleX) {
        PermissionInterceptor interceptor = new PermissionInterceptor();
        interceptor.caller = caller;
        interceptor.permissions = new Permissions() {
            @Override
            public boolean hasAny(List<String> roles, String permission) {
                return roles.contains("x") && grantedToRoleX.contains(permission);
            }
        };
        return interceptor;
    }

    static Caller caller(String id, String... roles) {
        Caller caller = new Caller();
        if (id != null) {
            caller.authenticate(new Profile(id, id, id, null, false, "offline", true, List.of(roles), 0, null), 1);
        }
        return caller;
    }

    static Object call(PermissionInterceptor interceptor, String method, Object... args) throws Exception {
        Method target = args.length == 0 ? Guarded.class.getMethod(method)
                : Guarded.class.getMethod(method, String.class);
        return interceptor.check(new Invocation(target, args));
    }

    @Test
    void noCallerIs401() {
        ApiError error = assertThrows(ApiError.class, () -> call(interceptor(caller(null), Set.of()), "update"));
        assertEquals(401, error.status());
    }

    @Test
    void missingPermissionGivesTheRoutesDenial() {
        ApiError forbidden = assertThrows(ApiError.class, () -> call(interceptor(caller("u1", "user"), Set.of()), "update"));
        assertEquals(403, forbidden.status());
        ApiError notAuthorized = assertThrows(ApiError.class,
                () -> call(interceptor(caller("u1", "user"), Set.of()), "mint", "u2"));
        assertEquals(400, notAuthorized.status());
        assertEquals("createToken", notAuthorized.body().getJsonObject("details").getString("method"));
    }

    @Test
    void holdingThePermissionThroughARolePasses() throws Exception {
        assertEquals("updated", call(interceptor(caller("u1", "x"), Set.of("access-permissions")), "update"));
        assertEquals("minted", call(interceptor(caller("u1", "x"), Set.of("user-generate-access-token")), "mint", "u2"));
    }

    @Test
    void selfAllowedPassesForOneselfOnly() throws Exception {
        assertEquals("minted", call(interceptor(caller("u1", "user"), Set.of()), "mint", "u1"));
        assertThrows(ApiError.class, () -> call(interceptor(caller("u1", "user"), Set.of()), "mint", "u2"));
    }

    @Test
    void aBindingWithoutAPermissionNameFailsClosed() {
        ApiError error = assertThrows(ApiError.class,
                () -> call(interceptor(caller("u1", "x"), Set.of("")), "unnamed", "u2"));
        assertEquals(403, error.status());
    }

    /** The evaluator of the few rules no annotation can place refuses exactly as the interceptor does. */
    @Test
    void requireHereRefusesAsTheInterceptorDoes() {
        Permissions permissions = interceptor(caller(null), Set.of("assign-admin-role")).permissions;
        assertEquals(401, assertThrows(ApiError.class,
                () -> permissions.requireHere(caller(null), "assign-admin-role", Denial.ASSIGN_ADMIN)).status());
        ApiError onCreate = assertThrows(ApiError.class,
                () -> permissions.requireHere(caller("u1", "user"), "assign-admin-role", Denial.ASSIGN_ADMIN));
        assertEquals("{\"success\":false,\"error\":\"Assigning admin is not allowed [error-action-not-allowed]\","
                + "\"errorType\":\"error-action-not-allowed\",\"details\":{\"method\":\"insertOrUpdateUser\","
                + "\"action\":\"Assign_admin\"}}", onCreate.body().toString());
        ApiError onRole = assertThrows(ApiError.class,
                () -> permissions.requireHere(caller("u1", "user"), "assign-admin-role", Denial.ASSIGN_ADMIN_TO_ROLE));
        assertEquals("{\"success\":false,\"error\":\"Assigning admin is not allowed [error-action-not-allowed]\","
                + "\"errorType\":\"error-action-not-allowed\",\"details\":{\"method\":\"authorization:addUserToRole\","
                + "\"action\":\"Assign_admin\"}}", onRole.body().toString());
        permissions.requireHere(caller("u1", "x"), "assign-admin-role", Denial.ASSIGN_ADMIN);
    }

    /** A minimal invocation of a {@link Guarded} method. */
    record Invocation(Method method, Object[] parameters) implements InvocationContext {
        @Override
        public Object getTarget() {
            return new Guarded();
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Method getMethod() {
            return method;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Object[] getParameters() {
            return parameters;
        }

        @Override
        public void setParameters(Object[] params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> getContextData() {
            return Map.of();
        }

        @Override
        public Object proceed() throws Exception {
            return method.invoke(getTarget(), parameters);
        }
    }
}
