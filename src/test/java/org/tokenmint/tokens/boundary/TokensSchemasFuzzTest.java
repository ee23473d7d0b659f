package org.tokenmint.tokens.boundary;

import static org.tokenmint.platform.control.SchemaFuzz.Rule.of;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.tokenmint.platform.control.JsonFuzz;
import org.tokenmint.platform.control.ObjectSchema.Type;
import org.tokenmint.platform.control.SchemaFuzz;
import org.tokenmint.platform.control.SchemaFuzz.Rule;

/**
 * The users.logout body schema (a token route, served by {@link TokensResource}) against nearly valid bodies drawn
 * from the fuzzer's bytes, or kept JSON bodies: the first problem ajv would report, in ajv's words.
 */
class TokensSchemasFuzzTest {

    static final List<Rule> LOGOUT = List.of(of("userId", false, Type.STRING, true));

    @FuzzTest(maxDuration = "1m")
    void logout(FuzzedDataProvider data) {
        JsonFuzz.objectTree(data, SchemaFuzz.bodies(LOGOUT, true))
                .ifPresent(body -> SchemaFuzz.assertAgrees(TokensResource.LOGOUT, LOGOUT, true, JsonFuzz.object(body)));
    }
}
