package org.tokenmint.access.boundary;

import static org.tokenmint.platform.control.SchemaFuzz.Rule.arrayOf;
import static org.tokenmint.platform.control.SchemaFuzz.Rule.arrayOfObjects;
import static org.tokenmint.platform.control.SchemaFuzz.Rule.of;
import static org.tokenmint.platform.control.SchemaFuzz.Rule.string;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tokenmint.platform.control.JsonFuzz;
import org.tokenmint.platform.control.JsonFuzz.Obj;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.SchemaFuzz;
import org.tokenmint.platform.control.SchemaFuzz.Rule;

/** The roles.* and permissions.update body schemas against random, nearly valid bodies (see SchemaFuzz). */
class AccessSchemasPropertiesTest {

    static final String SEED = "20261202";

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

    @Provide
    Arbitrary<Obj> roleCreateBodies() {
        return SchemaFuzz.bodies(ROLE_CREATE, true);
    }

    @Provide
    Arbitrary<Obj> membershipBodies() {
        return SchemaFuzz.bodies(MEMBERSHIP, true);
    }

    @Provide
    Arbitrary<Obj> permissionsUpdateBodies() {
        return SchemaFuzz.bodies(PERMISSIONS_UPDATE, true);
    }

    @Property(tries = 150, seed = SEED)
    void roleCreate(@ForAll("roleCreateBodies") Obj body) {
        SchemaFuzz.assertAgrees(RolesResource.CREATE, ROLE_CREATE, true, JsonFuzz.object(body));
    }

    @Property(tries = 100, seed = SEED)
    void membership(@ForAll("membershipBodies") Obj body) {
        SchemaFuzz.assertAgrees(RolesResource.MEMBERSHIP, MEMBERSHIP, true, JsonFuzz.object(body));
    }

    @Property(tries = 200, seed = SEED)
    void permissionsUpdate(@ForAll("permissionsUpdateBodies") Obj body) {
        SchemaFuzz.assertAgrees(PermissionsResource.UPDATE, PERMISSIONS_UPDATE, true, JsonFuzz.object(body));
    }
}
