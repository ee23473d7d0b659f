package org.tokenmint.moving.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Set;
import org.tokenmint.moving.control.ExportCounts;
import org.tokenmint.moving.control.Exports;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.platform.control.WireDates;

/**
 * tokenmint's own routes for the way back to Rocket.Chat: {@code POST tokenmint.export} starts an export into a new
 * folder under the server's export directory, {@code GET tokenmint.export.status} follows it. Both need
 * export-rocketchat.
 */
@RequestScoped
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    static final ObjectSchema START = ObjectSchema.object()
            .string("folder", true, 1, 1024)
            .noAdditionalProperties();

    static final Set<String> STATUS_KEYS = Set.of("jobId");

    @Inject
    Exports exports;

    @Context
    UriInfo uriInfo;

    /** {@code {"folder": <a new folder's name under TOKENMINT_EXPORT_DIR>}}. */
    @POST
    @Path("tokenmint.export")
    public JsonObject start(JsonObject json) {
        START.validate(json);
        Exports.Started started = exports.start(json.getString("folder"));
        return Envelope.success(Jsons.object().add("jobId", started.jobId()).add("folder", started.folder()));
    }

    @GET
    @Path("tokenmint.export.status")
    public JsonObject status() {
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        if (!STATUS_KEYS.containsAll(query.keySet())) {
            throw ApiError.invalidParams("must NOT have additional properties");
        }
        String jobId = query.getFirst("jobId");
        if (jobId == null || !jobId.matches("[0-9]{1,18}")) {
            throw ApiError.invalidParams("jobId must be a job id");
        }
        Exports.Status status = exports.status(Long.parseLong(jobId));
        JsonObjectBuilder job = Jsons.object()
                .add("jobId", status.jobId())
                .add("folder", status.folder())
                .add("status", status.status())
                .add("done", status.done());
        if (status.exitStatus() != null) {
            job.add("exitStatus", status.exitStatus());
        }
        optional(job, "createdAt", status.createdAt());
        optional(job, "startedAt", status.startedAt());
        optional(job, "endedAt", status.endedAt());
        ExportCounts counts = status.counts();
        return Envelope.success(Jsons.object()
                .add("job", job)
                .add("counts", Jsons.object()
                        .add("users", counts.users())
                        .add("loginTokens", counts.loginTokens())
                        .add("personalAccessTokens", counts.personalAccessTokens())
                        .add("roles", counts.roles())
                        .add("permissions", counts.permissions())));
    }

    private static void optional(JsonObjectBuilder json, String name, Instant value) {
        if (value != null) {
            json.add(name, WireDates.format(value));
        }
    }
}
