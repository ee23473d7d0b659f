package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tokenmint.it.Api.Session;

/**
 * {@code GET /api/metrics} (README, "Metrics"): Prometheus text for a caller holding {@code view-metrics}, Rocket.Chat's
 * 401 and 403 envelopes otherwise (the test servers allow no address without credentials), and meters that move by
 * exactly what known requests did. The ITs of a server run one after another, so nothing else moves them meanwhile.
 */
class MetricsIT extends OnDefaultServer {

    private String scrape() {
        Api.Reply reply = api.get("/api/metrics", admin);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("Content-Type").startsWith("text/plain"), reply.header("Content-Type"));
        return reply.body();
    }

    /** The value of one sample, by its full name and labels as Prometheus prints them; 0 when absent. */
    static double sample(String text, String name, String labels) {
        Matcher line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(text);
        while (line.find()) {
            if (sameLabels(line.group(1), labels)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }

    private static boolean sameLabels(String printed, String wanted) {
        return Set.of(printed.split(",")).equals(Set.of(wanted.split(",")));
    }

    @Test
    void onlyACallerWithThePermissionReadsThem() {
        Api.Reply anonymous = api.get("/api/metrics", null);
        assertEquals(401, anonymous.status());
        assertEquals("{\"success\":false,\"error\":\"You must be logged in to do this.\",\"status\":\"error\","
                + "\"message\":\"You must be logged in to do this.\"}", anonymous.body());
        Session plain = api.newUser(Api.unique("metrics"));
        Api.Reply refused = api.get("/api/metrics", plain);
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("\"success\":false"), refused.body());
        assertTrue(scrape().contains("# TYPE tokenmint_http_requests_seconds histogram"));
    }

    @Test
    void mintsAuthenticationsAndRoutesAreCounted() {
        String target = Api.unique("counted");
        api.newUser(target);
        String before = scrape();
        assertEquals(200, api.post("/api/v1/users.createToken", admin, "{\"username\":\"" + target + "\"}").status());
        assertEquals(400, api.post("/api/v1/users.createToken", admin, "{\"username\":\"nobody-" + target + "\"}")
                .status());
        assertEquals(401, api.post("/api/v1/users.createToken", null, "{\"username\":\"" + target + "\"}").status());
        String after = scrape();

        String mints = "tokenmint_mints_total";
        assertEquals(1, diff(before, after, mints, "contract=\"documented\",outcome=\"success\",status=\"200\""));
        assertEquals(1, diff(before, after, mints, "contract=\"documented\",outcome=\"refused\",status=\"400\""));
        assertEquals(1, diff(before, after, mints, "contract=\"-\",outcome=\"refused\",status=\"401\""));
        String route = "tokenmint_http_requests_seconds_count";
        assertEquals(1, diff(before, after, route, "method=\"POST\",route=\"/api/v1/users.createToken\",status=\"200\""));
        assertEquals(1, diff(before, after, route, "method=\"POST\",route=\"/api/v1/users.createToken\",status=\"401\""));
        // the two authenticated mints and the scrape after them; each reads the admin's token from cache or database
        String auth = "tokenmint_authentications_total";
        assertEquals(3, diff(before, after, auth, "outcome=\"cache\"") + diff(before, after, auth, "outcome=\"database\""));
        assertEquals(1, diff(before, after, auth, "outcome=\"refused\""));
        assertTrue(after.contains("\ntokenmint_live_tokens "), "the live token gauge");
        assertTrue(after.contains("tokenmint_pool_wait_seconds_bucket{le=\"0.001\"}"), "pool waits, with buckets");
    }

    private static double diff(String before, String after, String name, String labels) {
        return sample(after, name, labels) - sample(before, name, labels);
    }
}
