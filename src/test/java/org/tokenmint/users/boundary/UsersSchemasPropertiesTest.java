package org.tokenmint.users.boundary;

import static org.tokenmint.platform.control.SchemaFuzz.Rule.arrayOf;
import static org.tokenmint.platform.control.SchemaFuzz.Rule.of;
import static org.tokenmint.platform.control.SchemaFuzz.Rule.string;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tokenmint.platform.control.JsonFuzz;
import org.tokenmint.platform.control.JsonFuzz.Obj;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.SchemaFuzz;
import org.tokenmint.platform.control.SchemaFuzz.Rule;

/**
 * The users.* body schemas against random, nearly valid bodies: ObjectSchema reports the first problem ajv would
 * report for Rocket.Chat's schema (with tokenmint's length limits from the README), in ajv's words, as a 400
 * invalid-params envelope, and accepts exactly the valid bodies.
 */
class UsersSchemasPropertiesTest {

    static final String SEED = "20261202";

    /** users.create as the README states it: Rocket.Chat's schema plus tokenmint's upper bounds. */
    static final List<Rule> CREATE = List.of(
            string("email", true, 0, 254, false),
            string("name", true, 0, 255, false),
            string("password", true, 0, 1024, false),
            string("username", true, 0, 120, false),
            of("active", false, Type.BOOLEAN, true),
            string("bio", false, 0, 4096, true),
            string("nickname", false, 0, 255, true),
            string("statusText", false, 0, 255, true),
            arrayOf("roles", false, Type.STRING),
            of("joinDefaultChannels", false, Type.BOOLEAN, true),
            of("requirePasswordChange", false, Type.BOOLEAN, true),
            of("setRandomPassword", false, Type.BOOLEAN, true),
            of("sendWelcomeEmail", false, Type.BOOLEAN, true),
            of("verified", false, Type.BOOLEAN, true),
            of("customFields", false, Type.OBJECT, false));

    static final List<Rule> SET_ACTIVE_STATUS = List.of(
            of("userId", true, Type.STRING, false),
            of("activeStatus", true, Type.BOOLEAN, false),
            of("confirmRelinquish", false, Type.BOOLEAN, false));

    static final List<Rule> LOGOUT = List.of(of("userId", false, Type.STRING, true));

    @Provide
    Arbitrary<Obj> createBodies() {
        return SchemaFuzz.bodies(CREATE, true);
    }

    @Provide
    Arbitrary<Obj> setActiveStatusBodies() {
        return SchemaFuzz.bodies(SET_ACTIVE_STATUS, true);
    }

    @Provide
    Arbitrary<Obj> logoutBodies() {
        return SchemaFuzz.bodies(LOGOUT, true);
    }

    @Property(tries = 150, seed = SEED, edgeCases = EdgeCasesMode.NONE)
    void create(@ForAll("createBodies") Obj body) {
        SchemaFuzz.assertAgrees(UsersResource.CREATE, CREATE, true, JsonFuzz.object(body));
    }

    @Property(tries = 150, seed = SEED)
    void setActiveStatus(@ForAll("setActiveStatusBodies") Obj body) {
        SchemaFuzz.assertAgrees(UsersResource.SET_ACTIVE_STATUS, SET_ACTIVE_STATUS, true, JsonFuzz.object(body));
    }

    @Property(tries = 100, seed = SEED)
    void logout(@ForAll("logoutBodies") Obj body) {
        SchemaFuzz.assertAgrees(UsersResource.LOGOUT, LOGOUT, true, JsonFuzz.object(body));
    }
}
