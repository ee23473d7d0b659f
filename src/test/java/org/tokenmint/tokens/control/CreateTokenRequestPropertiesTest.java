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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.JsonBody;
import org.tokenmint.platform.control.JsonFuzz;
import org.tokenmint.platform.control.JsonFuzz.Obj;
import org.tokenmint.platform.control.SchemaFuzz;
import org.tokenmint.platform.control.SchemaFuzz.Rule;
import org.tokenmint.tokens.entity.Contract;

/**
 * CreateTokenRequest.parse under both contracts: the fields round-trip unchanged, a field of the wrong type is the
 * README's 400 invalid-params {@code must be string}, the secret body is checked as its schema says, and
 * toString never shows the secret.
 */
class CreateTokenRequestPropertiesTest {

    static final String SEED = "20261202";

    static final List<Rule> SECRET_BODY = List.of(
            string("userId", true, 1, Integer.MAX_VALUE, false),
            string("secret", true, 1, Integer.MAX_VALUE, false));

    @Provide
    Arbitrary<Obj> documentedBodies() {
        var keys = JsonFuzz.keys("userId", "username", "user", "secret");
        var values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, JsonFuzz.unicodeStrings(10).map(s -> (JsonFuzz.Node) new JsonFuzz.Str(s))),
                net.jqwik.api.Tuple.of(1, JsonFuzz.values(keys, JsonFuzz.unicodeStrings(4), 2)));
        return JsonFuzz.objects(keys, values, 4);
    }

    @Property(tries = 250, seed = SEED)
    void documentedContract(@ForAll("documentedBodies") Obj tree) {
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

    @Provide
    Arbitrary<Obj> secretBodies() {
        return SchemaFuzz.bodies(SECRET_BODY, true);
    }

    @Property(tries = 250, seed = SEED)
    void secretContract(@ForAll("secretBodies") Obj tree) {
        JsonObject body = JsonFuzz.object(tree);
        Optional<String> expected = SchemaFuzz.firstError(SECRET_BODY, true, body);
        try {
            CreateTokenRequest request = CreateTokenRequest.parse(body, true);
            assertEquals(Optional.empty(), expected);
            assertEquals(Contract.SECRET, request.contract());
            assertEquals(body.getString("userId"), request.userId());
            assertEquals(body.getString("secret"), request.secret());
            if (request.secret().length() > 3) {
                assertFalse(request.toString().contains(request.secret()), "toString shows the secret");
            }
        } catch (ApiError error) {
            JsonFuzz.assertSchemaError(error);
            assertEquals(expected, Optional.of(error.getMessage()));
        } catch (RuntimeException other) {
            fail("parse threw " + other, other);
        }
    }

    @Provide
    Arbitrary<byte[]> rawBodies() {
        return JsonFuzz.mutated(Arbitraries.oneOf(documentedBodies(), secretBodies()).map(o -> (JsonFuzz.Node) o));
    }

    /** The whole parsing path of users.createToken, from bytes, under either contract: a request or a 4xx envelope. */
    @Property(tries = 150, seed = SEED)
    void rawBodiesParseOrAreRefused(@ForAll("rawBodies") byte[] bytes, @ForAll boolean secretContract) {
        try {
            CreateTokenRequest.parse(JsonBody.read("application/json", new ByteArrayInputStream(bytes)), secretContract);
        } catch (ApiError error) {
            JsonFuzz.assertInvalidParams(error, error.status());
        }
    }

    static String text(JsonObject body, String name) {
        return body.get(name) instanceof JsonString s ? s.getString() : null;
    }
}
