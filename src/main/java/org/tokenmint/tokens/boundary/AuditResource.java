package org.tokenmint.tokens.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.Paging;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.tokens.control.TokenAudits;
import org.tokenmint.tokens.entity.AuditEvent;
import org.tokenmint.tokens.entity.AuditQuery;
import org.tokenmint.tokens.entity.Contract;

/**
 * {@code GET audit.tokens}: who minted a token for whom, when, from where, under which contract, and whether it
 * still authenticates. Shaped like Rocket.Chat's {@code audit.settings}: filters, paging, {@code events}.
 */
@RequestScoped
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final Set<String> KEYS = Set.of("callerId", "targetId", "start", "end", "offset", "count");

    @Inject
    TokenAudits audits;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("audit.tokens")
    public JsonObject tokens() {
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        if (!KEYS.containsAll(query.keySet())) {
            throw ApiError.invalidParams("must NOT have additional properties");
        }
        Paging paging = Paging.of(query);
        AuditQuery filter = new AuditQuery(text(query, "callerId"), text(query, "targetId"), date(query, "start"),
                date(query, "end"));
        TokenAudits.Page page = audits.find(filter, paging.offset(), paging.count());
        JsonArrayBuilder events = Jsons.array();
        page.events().forEach(event -> events.add(toJson(event)));
        return Envelope.success(Jsons.object()
                .add("events", events)
                .add("count", page.events().size())
                .add("offset", paging.offset())
                .add("total", page.total()));
    }

    static Optional<String> text(MultivaluedMap<String, String> query, String key) {
        return Optional.ofNullable(query.getFirst(key)).filter(value -> !value.isEmpty());
    }

    /**
     * The first instant of 4713 BC (the ISO year -4712): PostgreSQL's timestamps begin in that year, so an earlier
     * {@code start} or {@code end}, though a JavaScript date, cannot be bound and is refused as no date.
     */
    static final Instant EARLIEST = LocalDate.of(-4712, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    static Optional<Instant> date(MultivaluedMap<String, String> query, String key) {
        return text(query, key).map(value -> WireDates.parse(value).filter(instant -> !instant.isBefore(EARLIEST))
                .orElseThrow(() -> ApiError.invalidParams("must match format \"date-time\"")));
    }

    static JsonObjectBuilder toJson(AuditEvent event) {
        JsonObjectBuilder json = Jsons.object()
                .add("_id", String.valueOf(event.id()))
                .add("ts", WireDates.format(event.mintedAt()));
        if (event.callerId() != null) {
            json.add("caller", user(event.callerId(), event.callerUsername()));
        }
        json.add("target", user(event.targetId(), event.targetUsername()))
                .add("contract", Contract.valueOf(event.contract()).wireName());
        if (event.clientAddress() != null) {
            json.add("clientAddress", event.clientAddress());
        }
        return json.add("live", event.live());
    }

    static JsonObjectBuilder user(String id, String username) {
        JsonObjectBuilder json = Jsons.object().add("_id", id);
        if (username != null) {
            json.add("username", username);
        }
        return json;
    }
}
