package org.tokenmint.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;
import static org.tokenmint.platform.control.SchemaFuzz.Rule.string;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.JsonBody;
import org.tokenmint.platform.control.JsonFuzz;
import org.tokenmint.platform.control.JsonFuzz.Gen;
import org.tokenmint.platform.control.JsonFuzz.Obj;
import org.tokenmint.platform.control.SchemaFuzz;
import org.tokenmint.platform.control.SchemaFuzz.Rule;
import org.tokenmint.tokens.entity.Contract;

/**
 * CreateTokenRequest.parse under both contracts: the fields round-trip unchanged, a field of the wrong type is the
 * README's 400 invalid-params {@code must be string}, the secret body is checked as its schema says, and
 * toString never shows the secret.
 */
class CreateTokenRequestFuzzTest {

    static final List<Rule> SECRET_BODY = List.of(
            string("userId", true, 1, Integer.MAX_VALUE, false),
            string("secret", true, 1, Integer.MAX_VALUE, false));

    static final Gen<String> KEYS = JsonFuzz.keys("userId", "username", "user", "secret");

    static final Gen<Obj> DOCUMENTED_BODIES = JsonFuzz.objects(KEYS, JsonFuzz.frequency(
            4, (Gen<JsonFuzz.Node>) d -> new JsonFuzz.Str(JsonFuzz.unicodeStrings(10).next(d)),
            1, JsonFuzz.values(KEYS, JsonFuzz.unicodeStrings(4), 2)), 4);

    static final Gen<Obj> SECRET_BODIES = SchemaFuzz.bodies(SECRET_BODY, true);

    /** A body drawn from the fuzzer's bytes, or kept as written (a JSON object ending in a newline). */
    @FuzzTest(maxDuration = "1m")
    void documentedContract(FuzzedDataProvider data) {
        JsonFuzz.objectTree(data, DOCUMENTED_BODIES).ifPresent(CreateTokenRequestFuzzTest::documented);
    }

    static void documented(Obj tree) {
        JsonObject body = JsonFuzz.object(tree);
        boolean wrongType = List.of("userId", "username", "user").stream().map(body::get)
                .anyMatch(v -> v != null && v != JsonValue.NULL && !(v instanceof JsonString));
        try {
            CreateTokenRequest request = CreateTokenRequest.parse(body, false);
            assertFalse(wrongType, "accepted " + body);
            assertEquals(Contract.DOCUMENTED, request.contract());
            assertEquals(text(body, "userId"), request.userId());
            assertEquals(text(body, "username"), request.username());
            assertEquals(text(body, "user"), request.user());
            assertEquals(null, request.secret());
        } catch (ApiError error) {
            JsonFuzz.assertInvalidParams(error, 400);
            assertEquals("must be string", error.getMessage());
            assertEquals(true, wrongType);
        }
    }

    /** A nearly valid secret-contract body, or one kept as written. */
    @FuzzTest(maxDuration = "1m")
    void secretContract(FuzzedDataProvider data) {
        JsonFuzz.objectTree(data, SECRET_BODIES).ifPresent(CreateTokenRequestFuzzTest::secret);
    }

    static void secret(Obj tree) {
        JsonObject body = JsonFuzz.object(tree);
        Optional<String> expected = SchemaFuzz.firstError(SECRET_BODY, true, body);
        try {
            CreateTokenRequest request = CreateTokenRequest.parse(body, true);
            assertEquals(Optional.empty(), expected);
            assertEquals(Contract.SECRET, request.contract());
            assertEquals(body.getString("userId"), request.userId());
            assertEquals(body.getString("secret"), request.secret());
            JsonObject otherSecret = jakarta.json.spi.JsonProvider.provider().createObjectBuilder(body)
                    .add("secret", request.secret() + "#other").build();
            assertEquals(CreateTokenRequest.parse(otherSecret, true).toString(), request.toString(),
                    "toString depends on the secret");
        } catch (ApiError error) {
            JsonFuzz.assertSchemaError(error);
            assertEquals(expected, Optional.of(error.getMessage()));
        } catch (RuntimeException other) {
            fail("parse threw " + other, other);
        }
    }

    /**
     * The whole parsing path of users.createToken, from bytes (mutated JSON, or kept as written), under either
     * contract: a request or a 4xx envelope.
     */
    @FuzzTest(maxDuration = "1m")
    void rawBodiesParseOrAreRefused(FuzzedDataProvider data) {
        boolean secretContract = data.consumeBoolean();
        byte[] bytes = JsonFuzz.mutated(data, data.consumeBoolean() ? DOCUMENTED_BODIES : SECRET_BODIES);
        try {
            CreateTokenRequest.parse(JsonBody.read("application/json", new ByteArrayInputStream(bytes)), secretContract);
        } catch (ApiError error) {
            JsonFuzz.assertClientError(error);
        }
    }

    static String text(JsonObject body, String name) {
        return body.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
