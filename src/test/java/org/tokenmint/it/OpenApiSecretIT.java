package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.OpenApiIT.Caller;
import org.tokenmint.it.OpenApiIT.Compare;
import org.tokenmint.it.OpenApiIT.Replay;

/**
 * The OpenAPI examples of {@code users.createToken}'s secret contract, replayed as {@link OpenApiIT} replays the
 * others, on the server started with {@code CREATE_TOKENS_FOR_USERS_SECRET} (the examples' secret stands for that
 * server's). {@link OpenApiIT} skips exactly these names, pointing here.
 */
class OpenApiSecretIT extends ServerIT {

    /** By example name, for the createToken operation. */
    static final Map<String, Replay> REPLAYS = Map.of(
            "bySecret", Replay.as(Caller.ADMIN, true, Compare.SHAPE),
            "notAuthorizedSecret", Replay.as(Caller.ADMIN, true, Compare.EXACT),
            "secretAdditionalProperty", Replay.as(Caller.ADMIN, true, Compare.EXACT));

    @Deployment(testable = false)
    @TargetsContainer("secret")
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @Test
    void theSecretContractsExamplesAreWhatTheServerAnswers() {
        OpenApiIT replays = new OpenApiIT();
        replays.base = base;
        replays.api = api;
        replays.admin = admin;
        JsonObject doc = OpenApiIT.FILE;
        String path = "/api/v1/users.createToken";
        JsonObject op = doc.getJsonObject("paths").getJsonObject(path).getJsonObject("post");
        List<String> failures = new ArrayList<>();
        int replayed = 0;
        for (Map.Entry<String, jakarta.json.JsonValue> response : op.getJsonObject("responses").entrySet()) {
            JsonObject examples = OpenApiIT.examples(doc, OpenApiIT.resolve(doc, response.getValue()).asJsonObject());
            for (String name : examples.keySet()) {
                Replay replay = REPLAYS.get(name);
                if (replay == null) {
                    continue;
                }
                String failure = replays.replay(doc, "post", path, op, name, Integer.parseInt(response.getKey()),
                        OpenApiIT.resolve(doc, examples.get(name)).asJsonObject().get("value"), replay);
                if (failure != null) {
                    failures.add(response.getKey() + " " + name + ": " + failure);
                }
                replayed++;
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(REPLAYS.size(), replayed, "every secret-contract example is in the document and replayed");
    }
}
