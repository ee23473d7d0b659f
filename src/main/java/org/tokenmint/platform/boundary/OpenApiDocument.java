package org.tokenmint.platform.boundary;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tokenmint.platform.control.Jsons;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document, the file {@code META-INF/openapi.yaml}, at {@code /openapi}: YAML by default, JSON when the
 * {@code Accept} header names {@code application/json} or the query says {@code format=JSON} (as MicroProfile
 * OpenAPI answers). The WAR serves it itself where the server has no OpenAPI endpoint of its own: WildFly as
 * {@code server-config/wildfly} sets it up, without the MicroProfile OpenAPI subsystem, which would keep the
 * deployment's whole annotation index (about 20 MiB of heap) for as long as the WAR runs. A server that has such an
 * endpoint at {@code /openapi} (Payara, a WildFly with that subsystem) answers that path before the WAR, at the
 * context root, sees it.
 *
 * <p>The document is read once, when the container initialises the servlet (at its first request), and kept as the
 * bytes of both forms (about 200 KB).
 */
@WebServlet(urlPatterns = OpenApiDocument.PATH)
public class OpenApiDocument extends HttpServlet {

    static final String PATH = "/openapi";
    /** Where the WAR holds the document (WEB-INF/classes), as MicroProfile OpenAPI looks for it. */
    public static final String FILE = "META-INF/openapi.yaml";
    static final String YAML_TYPE = "application/yaml;charset=UTF-8";
    static final String JSON_TYPE = "application/json;charset=UTF-8";
    private static final long serialVersionUID = 1L;

    /** Both forms of the document, made once when the container initialises the servlet. */
    private transient byte[] yaml;
    private transient byte[] json;

    @Override
    public void init() {
        yaml = read();
        json = toJson(parse(yaml)).toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean asJson = wantsJson(request.getParameter("format"), request.getHeader("Accept"));
        byte[] body = asJson ? json : yaml;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Content-Type", asJson ? JSON_TYPE : YAML_TYPE);
        // a browser's API explorer on another origin may read it; the document holds nothing but the API
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Vary", "Accept"); // a cache must not hand one form to a client that asked for the other
        response.setContentLength(body.length);
        response.getOutputStream().write(body); // HEAD: HttpServlet counts the bytes and sends none
    }

    /**
     * JSON or YAML: {@code format} ({@code JSON} or {@code YAML}, any case) decides when given; else JSON when the
     * Accept header names {@code application/json}; else YAML, the default of MicroProfile OpenAPI.
     */
    static boolean wantsJson(String format, String accept) {
        if (format != null) {
            String upper = format.toUpperCase(Locale.ROOT);
            if (upper.equals("JSON") || upper.equals("YAML")) {
                return upper.equals("JSON");
            }
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
    }

    private static byte[] read() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException("the WAR lacks " + FILE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as YAML's plain values: maps in the file's order, lists, strings, numbers, booleans. */
    public static Object parse(byte[] yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(yaml, StandardCharsets.UTF_8));
    }

    /** A parsed YAML value as JSON, keys in the file's order; a value JSON cannot hold (a date, say) is refused. */
    public static JsonValue toJson(Object yaml) {
        if (yaml instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Jsons.object();
            map.forEach((key, item) -> object.add(String.valueOf(key), toJson(item)));
            return object.build();
        }
        if (yaml instanceof List<?> list) {
            JsonArrayBuilder array = Jsons.array();
            list.forEach(item -> array.add(toJson(item)));
            return array.build();
        }
        if (yaml instanceof String text) {
            return Json.createValue(text);
        }
        if (yaml instanceof Boolean flag) {
            return flag ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (yaml instanceof Integer number) {
            return Json.createValue(number);
        }
        if (yaml instanceof Long number) {
            return Json.createValue(number);
        }
        if (yaml instanceof BigInteger number) {
            return Json.createValue(number);
        }
        if (yaml instanceof Double number) {
            return Json.createValue(number);
        }
        if (yaml == null) {
            return JsonValue.NULL;
        }
        throw new IllegalArgumentException("a YAML value JSON cannot hold: " + yaml.getClass());
    }
}
