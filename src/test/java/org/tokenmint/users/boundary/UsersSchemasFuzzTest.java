package org.tokenmint.users.boundary;

import static org.tokenmint.platform.control.SchemaFuzz.Rule.arrayOf;
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
 * The users.* body schemas against nearly valid bodies drawn from the fuzzer's bytes, or kept JSON bodies:
 * ObjectSchema reports the first problem ajv would report for Rocket.Chat's schema (with tokenmint's length limits
 * from the README), in ajv's words, as a 400 invalid-params envelope, and accepts exactly the valid bodies.
 */
class UsersSchemasFuzzTest {

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

    static void check(FuzzedDataProvider data, ObjectSchema schema, List<Rule> rules) {
        JsonFuzz.objectTree(data, SchemaFuzz.bodies(rules, true))
                .ifPresent(body -> SchemaFuzz.assertAgrees(schema, rules, true, JsonFuzz.object(body)));
    }

    @FuzzTest(maxDuration = "1m")
    void create(FuzzedDataProvider data) {
        check(data, UsersResource.CREATE, CREATE);
    }

    @FuzzTest(maxDuration = "1m")
    void setActiveStatus(FuzzedDataProvider data) {
        check(data, UsersResource.SET_ACTIVE_STATUS, SET_ACTIVE_STATUS);
    }
}
