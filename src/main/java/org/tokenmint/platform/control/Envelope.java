package org.tokenmint.platform.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Success bodies: the route's payload with {@code "success":true} appended as the last key. */
public final class Envelope {

    private Envelope() {
    }

    public static JsonObject success(JsonObjectBuilder payload) {
        return payload.add("success", true).build();
    }

    public static JsonObject success() {
        return success(Jsons.object());
    }
}
