package org.tokenmint.sessions.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Envelope;
import org.tokenmint.platform.control.Jsons;
import org.tokenmint.platform.control.ObjectSchema;
import org.tokenmint.platform.control.Paging;
import org.tokenmint.platform.control.WireDates;
import org.tokenmint.sessions.control.LoginBlocking;
import org.tokenmint.users.control.Users;

/**
 * tokenmint's admin routes for failed-login blocking (Rocket.Chat has none: its blocks only run out):
 * {@code GET loginBlocks.list} shows the blocks in force, {@code POST loginBlocks.lift} lifts a user's block. Both
 * need manage-login-blocks.
 */
@RequestScoped
@Path("api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class LoginBlocksResource {

    static final Set<String> LIST_KEYS = Set.of("offset", "count");

    static final ObjectSchema LIFT = ObjectSchema.object()
            .string("user", true, 1, Users.MAX_NAME_LENGTH)
            .noAdditionalProperties();

    @Inject
    LoginBlocking blocking;

    @Context
    UriInfo uriInfo;

    @GET
    @Path("loginBlocks.list")
    public JsonObject list() {
        MultivaluedMap<String, String> query = uriInfo.getQueryParameters();
        if (!LIST_KEYS.containsAll(query.keySet())) {
            throw ApiError.invalidParams("must NOT have additional properties");
        }
        Paging paging = Paging.of(query);
        LoginBlocking.Page page = blocking.current(paging.offset(), paging.count());
        JsonArrayBuilder blocks = Jsons.array();
        page.blocks().forEach(block -> blocks.add(Jsons.object()
                .add("type", block.kind().wireName())
                .add(block.kind().wireName(), block.key())
                .add("since", WireDates.format(block.since()))
                .add("until", WireDates.format(block.until()))));
        return Envelope.success(Jsons.object()
                .add("blocks", blocks)
                .add("count", page.blocks().size())
                .add("offset", paging.offset())
                .add("total", page.total()));
    }

    /** {@code {"user": <username or email>}}: lifts that name's block, and its user's other name's. */
    @POST
    @Path("loginBlocks.lift")
    public JsonObject lift(JsonObject json) {
        LIFT.validate(json);
        blocking.lift(json.getString("user"));
        return Envelope.success();
    }
}
