package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What differs between the servers below the application, at the HTTP layer, pinned down so that a client sees the
 * same answers on each. Every test uses a fresh client, hence a fresh connection: the JDK client offers an h2c
 * upgrade on a connection's first request, which WildFly and Payara treat differently.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProtocolIT {

    @Deployment(testable = false)
    @TargetsContainer("default")
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    URL base;

    static HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder login() {
        return HttpRequest.newBuilder(URI.create(base + "api/v1/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + Api.ADMIN_USERNAME + "\",\"password\":\""
                        + Api.ADMIN_PASSWORD + "\"}"));
    }

    /** A POST as the first request of a connection, with and without the h2c upgrade offer: its body is read. */
    @Test
    void aPostOpensAConnection() throws Exception {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpResponse<String> reply = send(client(version), login());
            assertEquals(200, reply.statusCode(), version + " -> " + reply.body());
        }
    }

    /**
     * Headers larger than Payara's default HTTP/2 limit (4 KiB) get the application's 401 envelope, and the
     * connection keeps serving: Payara by default resets the stream and then answers 431 to every later request.
     */
    @Test
    void largeHeadersGetTheEnvelopeAndTheConnectionLives() throws Exception {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient client = client(version);
            assertEquals(200, send(client, HttpRequest.newBuilder(URI.create(base + "api/info"))).statusCode());
            for (int size : new int[] {3_000, 5_000, 12_000}) {
                HttpResponse<String> reply = send(client, HttpRequest.newBuilder(URI.create(base + "api/v1/me"))
                        .header("X-User-Id", "u").header("X-Auth-Token", "t".repeat(size)));
                assertEquals(401, reply.statusCode(), version + " " + size);
                assertEquals(Api.UNAUTHORIZED, reply.body(), version + " " + size);
                assertEquals("application/json", reply.headers().firstValue("Content-Type").orElse(null));
            }
            HttpResponse<String> after = send(client, login());
            assertEquals(200, after.statusCode(), version + " after large headers -> " + after.body());
        }
    }
}
