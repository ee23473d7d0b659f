package org.tokenmint.moving.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tokenmint.moving.control.Imports;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.platform.control.Paging;
import org.tokenmint.platform.control.WireDates;

/**
 * tokenmint's own routes for moving in from Rocket.Chat: {@code POST tokenmint.import} starts the import of an export
 * folder on the server, {@code GET tokenmint.import.status} follows it. Both need import-rocketchat.
 */
@RequestScoped
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    static final ObjectSchema START = ObjectSchema.object()
            .string("folder", true, 1, 1024)
            .optional("dryRun", ObjectSchema.Type.BOOLEAN)
            .noAdditionalProperties();

    static final Set<String> STATUS_KEYS = Set.of("jobId", "offset", "count");

    @Inject
    Imports imports;

    @Context
    UriInfo uriInfo;

    /** {@code {"folder": <name under TOKENMINT_IMPORT_DIR>, "dryRun": false}}. */
    @POST
    @Path("tokenmint.import")
    public JsonObject start(JsonObject json) {
        START.validate(json);
        Imports.Started started = imports.start(json.getString("folder"), json.getBoolean("dryRun", false));
        return Envelope.success(Jsons.object()
                .add("jobId", started.jobId())
                .add("importId", started.importId())
                .add("folder", started.folder())
                .add("dryRun", started.dryRun()));
    }

    /** {@code {"jobId": <a FAILED or STOPPED import job>}}: the answer names the new run, as the start's does. */
    @POST
    @Path("tokenmint.import.restart")
    public JsonObject restart(JsonObject json) {
        Imports.Started started = imports.restart(jobId(json));
        return Envelope.success(Jsons.object()
                .add("jobId", started.jobId())
                .add("importId", started.importId())
                .add("folder", started.folder())
                .add("dryRun", started.dryRun()));
    }

    @GET
    @Path("tokenmint.import.status")
    public JsonObject status() {
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        if (!STATUS_KEYS.containsAll(query.keySet())) {
            throw ApiError.invalidParams("must NOT have additional properties");
        }
        Paging paging = Paging.of(query);
        String jobId = query.getFirst("jobId");
        if (jobId == null || !jobId.matches("[0-9]{1,18}")) {
            throw ApiError.invalidParams("jobId must be a job id");
        }
        Imports.Status status = imports.status(Long.parseLong(jobId), paging.offset(), paging.count());
        Map<String, JsonObjectBuilder> counts = new TreeMap<>();
        long tokens = 0;
        long expired = 0;
        for (Imports.Count count : status.counts()) {
            counts.computeIfAbsent(count.kind(), kind -> Jsons.object()).add(count.outcome(), count.items());
            tokens += count.tokens();
            expired += count.expiredTokens();
        }
        JsonObjectBuilder countsJson = Jsons.object();
        counts.forEach(countsJson::add);
        JsonArrayBuilder items = Jsons.array();
        for (Imports.Item item : status.items()) {
            JsonObjectBuilder json = Jsons.object().add("kind", item.kind()).add("position", item.position());
            optional(json, "_id", item.key());
            json.add("outcome", item.outcome());
            optional(json, "detail", item.detail());
            items.add(json);
        }
        JsonObjectBuilder job = Jsons.object()
                .add("jobId", status.jobId())
                .add("importId", status.importId())
                .add("folder", status.folder())
                .add("dryRun", status.dryRun())
                .add("status", status.status())
                .add("done", status.done());
        optional(job, "exitStatus", status.exitStatus());
        optional(job, "createdAt", status.createdAt());
        optional(job, "startedAt", status.startedAt());
        optional(job, "endedAt", status.endedAt());
        return Envelope.success(Jsons.object()
                .add("job", job)
                .add("counts", countsJson)
                .add("tokens", Jsons.object().add("imported", tokens).add("expired", expired))
                .add("items", items)
                .add("count", status.items().size())
                .add("offset", paging.offset())
                .add("total", status.total()));
    }

    /**
     * The body's {@code jobId}, checked in ajv's order and words as {@link ObjectSchema} checks the others (it has no
     * integer type): present, alone, a whole number; then a job id, a number of at most 18 digits as the status
     * route's query takes it.
     */
    static long jobId(JsonObject json) {
        if (!json.containsKey("jobId")) {
            throw ApiError.invalidParams("must have required property 'jobId'");
        }
        if (json.size() > 1) {
            throw ApiError.invalidParams("must NOT have additional properties");
        }
        if (!(json.get("jobId") instanceof JsonNumber number)
                || number.bigDecimalValue().signum() != 0 && number.bigDecimalValue().stripTrailingZeros().scale() > 0) {
            throw ApiError.invalidParams("must be integer");
        }
        BigDecimal value = number.bigDecimalValue();
        if (value.signum() < 0 || value.compareTo(BigDecimal.TEN.pow(18)) >= 0) {
            throw ApiError.invalidParams("jobId must be a job id");
        }
        return value.longValue();
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static void optional(JsonObjectBuilder json, String name, Instant value) {
        if (value != null) {
            json.add(name, WireDates.format(value));
        }
    }
}
