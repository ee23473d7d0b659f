package org.tokenmint.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.BuildInfo;
import org.tokenmint.platform.control.Envelope;

/** {@code GET /api/info}: the probe Rocket.Chat clients send before anything else. */
@RequestScoped
@Path("api/info")
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {

    @Inject
    BuildInfo buildInfo;

    @GET
    @PublicRoute
    public JsonObject info() {
        return Envelope.success(Jsons.object().add("version", buildInfo.version()));
    }
}
