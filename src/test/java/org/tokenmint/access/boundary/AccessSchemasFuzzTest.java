package org.tokenmint.access.boundary;

import static org.tokenmint.platform.control.SchemaFuzz.Rule.arrayOf;
import static org.tokenmint.platform.control.SchemaFuzz.Rule.arrayOfObjects;
import static org.tokenmint.platform.control.SchemaFuzz.Rule.of;
import static org.tokenmint.platform.control.SchemaFuzz.Rule.string;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.tokenmint.platform.control.JsonFuzz;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.SchemaFuzz;
import org.tokenmint.platform.control.SchemaFuzz.Rule;

/**
 * The roles.* and permissions.update body schemas against nearly valid bodies drawn from the fuzzer's bytes, or
 * kept JSON bodies (see SchemaFuzz, JsonFuzz.objectTree).
 */
class AccessSchemasFuzzTest {

    static final List<Rule> ROLE_CREATE = List.of(
            string("name", true, 1, 255, false),
            string("description", false, 0, 4096, false),
            string("scope", false, 0, 255, false),
            of("mandatory2fa", false, Type.BOOLEAN, false));

    static final List<Rule> MEMBERSHIP = List.of(
            of("roleId", true, Type.STRING, false),
            of("username", true, Type.STRING, false),
            of("roomId", false, Type.STRING, false));

    static final List<Rule> PERMISSIONS_UPDATE = List.of(arrayOfObjects("permissions", true, List.of(
            of("_id", true, Type.STRING, false),
            arrayOf("roles", true, Type.STRING))));

    static void check(FuzzedDataProvider data, ObjectSchema schema, List<Rule> rules) {
        JsonFuzz.objectTree(data, SchemaFuzz.bodies(rules, true))
                .ifPresent(body -> SchemaFuzz.assertAgrees(schema, rules, true, JsonFuzz.object(body)));
    }

    @FuzzTest(maxDuration = "1m")
    void roleCreate(FuzzedDataProvider data) {
        check(data, RolesResource.CREATE, ROLE_CREATE);
    }

    @FuzzTest(maxDuration = "1m")
    void membership(FuzzedDataProvider data) {
        check(data, RolesResource.MEMBERSHIP, MEMBERSHIP);
    }

    @FuzzTest(maxDuration = "1m")
    void permissionsUpdate(FuzzedDataProvider data) {
        check(data, PermissionsResource.UPDATE, PERMISSIONS_UPDATE);
    }
}
