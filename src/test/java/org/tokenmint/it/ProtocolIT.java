package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What differs between the servers below the application, at the HTTP layer, pinned down so that a client sees the
 * same answers on each. Every test uses a fresh client, hence a fresh connection: the JDK client offers an h2c
 * upgrade on a connection's first request, which WildFly and Payara treat differently.
 */
class ProtocolIT extends OnDefaultServer {

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

    /**
     * Every answer carries the request's id (X-Request-Id, README "Logs"): the client's when it is sane, a new one
     * otherwise, on success, on the authentication refusal, on an unknown route and on a refusal before any route.
     */
    @Test
    void everyAnswerCarriesTheRequestId() throws Exception {
        HttpClient http = client(HttpClient.Version.HTTP_1_1);
        String[] targets = {"api/info", "api/v1/me", "api/v1/no.such.route", "api/v1/login"};
        for (String target : targets) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target));
            HttpResponse<String> kept = send(http, request.copy().header("X-Request-Id", "it-" + target.length()));
            assertEquals("it-" + target.length(), kept.headers().firstValue("X-Request-Id").orElse(null),
                    target + " " + kept.statusCode());
            HttpResponse<String> replaced = send(http, request.copy().header("X-Request-Id", "not sane"));
            assertTrue(replaced.headers().firstValue("X-Request-Id").orElse("").matches("[0-9a-f]{32}"),
                    target + " " + replaced.headers().map());
            HttpResponse<String> made = send(http, request.copy());
            assertTrue(made.headers().firstValue("X-Request-Id").orElse("").matches("[0-9a-f]{32}"), target);
        }
        // refused before any route: a body over 64 KiB gets BodyDeadline's 413 envelope
        HttpResponse<String> tooLarge = send(http, HttpRequest.newBuilder(URI.create(base + "api/v1/login"))
                .header("Content-Type", "application/json").header("X-Request-Id", "it-large")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + "x".repeat(70_000) + "\"}")));
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertEquals("it-large", tooLarge.headers().firstValue("X-Request-Id").orElse(null));
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

    static final String NO_ROUTE = "{\"success\":false,\"error\":\"API endpoint does not exist\"}";

    /** A status, the Content-Type and the body of a raw answer. */
    record Raw(int status, String contentType, String body) {
    }

    /**
     * Sends bytes as they are (what no HTTP client would send) on a fresh connection, then the body if any from a
     * second thread (the server may answer before it has read it all), and reads one answer.
     */
    Raw raw(String head, byte[] body) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = null;
            if (body != null) {
                writer = new Thread(() -> {
                    try {
                        out.write(body);
                        out.flush();
                    } catch (IOException closedByTheServer) {
                        // the answer came first: what the test reads
                    }
                });
                writer.setDaemon(true);
                writer.start();
            }
            Raw answer = read(socket.getInputStream());
            socket.close();
            if (writer != null) {
                writer.join();
            }
            return answer;
        }
    }

    static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last = 0;
        for (int b; (b = in.read()) != -1; ) {
            head.write(b);
            last = (last << 8 | b) & 0xFFFFFFFF;
            if (last == 0x0D0A0D0A) {
                break;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = null;
        int length = -1;
        boolean chunked = false;
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : line.substring(colon + 1).trim();
            if (name.equals("content-type")) {
                contentType = value;
            } else if (name.equals("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; line(in)) {
                chunks.write(in.readNBytes(size));
            }
            body = chunks.toByteArray();
        } else {
            body = length >= 0 ? in.readNBytes(length) : in.readAllBytes(); // without a length: up to the close
        }
        return new Raw(status, contentType, new String(body, StandardCharsets.UTF_8));
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    String host() {
        return "Host: " + base.getHost() + ":" + base.getPort() + "\r\n";
    }

    /**
     * A request target that is no path ({@code GET *}; Undertow failed with a 500 HTML page) and the private
     * directories of the WAR (Undertow and Grizzly answered with their own 404 pages) get the envelope of an unknown
     * route on both servers.
     */
    @Test
    void noPathAndPrivateDirectoriesGetTheNoRouteEnvelope() throws Exception {
        for (String target : new String[] {"*", "/WEB-INF/web.xml", "/web-inf/web.xml", "/WEB-INF/",
                "/META-INF/MANIFEST.MF", "/api/v1/../../WEB-INF/web.xml"}) {
            Raw answer = raw("GET " + target + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n", null);
            assertEquals(404, answer.status(), target);
            assertEquals("application/json", answer.contentType(), target);
            assertEquals(NO_ROUTE, answer.body(), target);
        }
    }

    /** More than Undertow's default of 1,000 query parameters still reaches the application. */
    @Test
    void aThousandAndOneQueryParametersReachTheApplication() throws Exception {
        String query = IntStream.range(0, 1_001).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));
        Raw answer = raw("GET /api/info?" + query + " HTTP/1.1\r\n" + host() + "Connection: close\r\n\r\n", null);
        assertEquals(200, answer.status(), answer.body());
        assertEquals("application/json", answer.contentType());
        assertTrue(answer.body().endsWith("\"success\":true}"), answer.body());
    }

    /**
     * A 20 MB body announced by its Content-Length gets the WAR's 413 envelope, as 1 MB does: WildFly's own limit
     * (10 MiB) answered it with an empty 400 before.
     */
    @Test
    void aTwentyMegabyteBodyGetsThe413Envelope() throws Exception {
        byte[] body = new byte[20 * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[body.length - 1] = '}';
        Raw answer = raw("POST /api/v1/login HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n", body);
        assertEquals(413, answer.status(), answer.body());
        assertEquals("application/json", answer.contentType());
        assertEquals("{\"success\":false,\"errorType\":\"invalid-params\",\"error\":\"The request body must NOT be "
                + "larger than 65536 bytes\"}", answer.body());
    }

    /**
     * A chunked body announces no length, so the application cannot know it has all arrived and reads it without a
     * waiting thread, then runs the route on a second dispatch (BodyDeadline): a login and a logout that way answer
     * as always, and the logout's revocation holds (on Payara the second dispatch had no request scope at first).
     */
    @Test
    void chunkedBodiesTakeTheAsyncPathAndAnswerAsAlways() throws Exception {
        Raw login = raw("POST /api/v1/login HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", chunked("{\"user\":\""
                        + Api.ADMIN_USERNAME + "\",\"password\":\"" + Api.ADMIN_PASSWORD + "\"}"));
        assertEquals(200, login.status(), login.body());
        JsonObject data = Json.createReader(new StringReader(login.body())).readObject().getJsonObject("data");
        Api.Session session = new Api.Session(data.getString("userId"), data.getString("authToken"));
        assertEquals(200, api.get("api/v1/me", session).status());

        Raw logout = raw("POST /api/v1/logout HTTP/1.1\r\n" + host() + "Content-Type: application/json\r\n"
                + "X-User-Id: " + session.userId() + "\r\nX-Auth-Token: " + session.authToken() + "\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", chunked("{}"));
        assertEquals(200, logout.status(), logout.body());
        assertEquals(401, api.get("api/v1/me", session).status());
    }

    /** One chunk and the last, empty chunk. */
    static byte[] chunked(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return (Integer.toHexString(bytes.length) + "\r\n" + json + "\r\n0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
