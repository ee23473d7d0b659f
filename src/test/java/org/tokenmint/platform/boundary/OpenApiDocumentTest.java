package org.tokenmint.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import jakarta.json.JsonObject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tokenmint.JaxRsActivator;
import org.tokenmint.sessions.boundary.AuthenticationFilter;

/**
 * The OpenAPI document ({@code META-INF/openapi.yaml}, served at {@code /openapi} on both servers) against the JAX-RS
 * resources it describes, without a server: every resource method is in it with its HTTP method and no path is in it
 * that no resource serves; every operation declares the X-User-Id / X-Auth-Token scheme unless the route is a
 * {@link PublicRoute}, which declares none; each answers what the platform makes every such route answer (401 when
 * authenticated, 429 when rate limited, the body refusals when it reads a body). {@code OpenApiIT} checks the served
 * document and replays its examples.
 */
public class OpenApiDocumentTest {

    static final String DOCUMENT = OpenApiDocument.FILE;
    public static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    static final List<Map<String, Object>> AUTHENTICATED = List.of(Map.of("userId", List.of(), "authToken", List.of()));

    public static final Map<String, Object> DOC = load(DOCUMENT);

    /** A resource method: its path and HTTP method as JAX-RS serves them, and the Java method. */
    public record Route(String path, String httpMethod, Method method) {
        @Override
        public String toString() {
            return httpMethod.toUpperCase(Locale.ROOT) + " " + path + " (" + method.getDeclaringClass().getSimpleName()
                    + "." + method.getName() + ")";
        }
    }

    /** Every resource method of the WAR: classes under {@code org.tokenmint} with {@code @Path}, found by ArchUnit. */
    public static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        String root = JaxRsActivator.class.getAnnotation(jakarta.ws.rs.ApplicationPath.class).value();
        new ClassFileImporter().importPath(classesOf(JaxRsActivator.class)).stream()
                .filter(type -> type.isAnnotatedWith(Path.class))
                .map(type -> type.reflect())
                .forEach(type -> {
                    for (Method method : type.getMethods()) {
                        String httpMethod = httpMethod(method);
                        if (httpMethod == null || Modifier.isStatic(method.getModifiers())) {
                            continue;
                        }
                        Path sub = method.getAnnotation(Path.class);
                        routes.add(new Route(join(root, type.getAnnotation(Path.class).value(),
                                sub == null ? "" : sub.value()), httpMethod, method));
                    }
                });
        return routes;
    }

    static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    static String join(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            for (String part : segment.split("/")) {
                if (!part.isEmpty()) {
                    path.append('/').append(part);
                }
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    /** As {@code AuthenticationFilter}: the method or its class carries {@link PublicRoute}. */
    static boolean isPublic(Method method) {
        return method.isAnnotationPresent(PublicRoute.class)
                || method.getDeclaringClass().isAnnotationPresent(PublicRoute.class);
    }

    /** As {@code RateLimitFilter}: every authenticated route, and a public one marked {@link RateLimited}. */
    static boolean isRateLimited(Method method) {
        return !isPublic(method) || method.isAnnotationPresent(RateLimited.class);
    }

    /** The route reads a body: it takes the {@code JsonObject} that {@link JsonBodyReader} fills. */
    static boolean readsBody(Method method) {
        return Arrays.asList(method.getParameterTypes()).contains(JsonObject.class);
    }

    @Test
    void theResourcesAreFound() {
        // the checks below would pass vacuously if no resource were found
        assertTrue(routes().size() >= 19, routes().toString());
        assertTrue(routes().stream().anyMatch(r -> r.path().equals("/api/v1/users.createToken")), routes().toString());
    }

    @Test
    void everyResourceMethodIsInTheDocument() {
        List<String> missing = new ArrayList<>();
        for (Route route : routes()) {
            Map<String, Object> item = map(paths().get(route.path()));
            if (item == null || !item.containsKey(route.httpMethod())) {
                missing.add(route.toString());
            }
        }
        assertEquals(List.of(), missing, "served but not documented");
    }

    @Test
    void everyDocumentedOperationIsServed() {
        List<Route> routes = routes();
        List<String> unserved = new ArrayList<>();
        paths().forEach((path, item) -> map(item).keySet().stream().filter(HTTP_METHODS::contains).forEach(method -> {
            if (routes.stream().noneMatch(r -> r.path().equals(path) && r.httpMethod().equals(method))) {
                unserved.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }));
        assertEquals(List.of(), unserved, "documented but served by no resource");
    }

    @Test
    void theSecuritySchemeIsBothHeaders() {
        Map<String, Object> schemes = map(map(DOC.get("components")).get("securitySchemes"));
        assertEquals(Set.of("userId", "authToken"), schemes.keySet());
        assertEquals(Map.of("type", "apiKey", "in", "header", "name", AuthenticationFilter.USER_ID),
                withoutDescription(map(schemes.get("userId"))));
        assertEquals(Map.of("type", "apiKey", "in", "header", "name", AuthenticationFilter.AUTH_TOKEN),
                withoutDescription(map(schemes.get("authToken"))));
        assertFalse(DOC.containsKey("security"), "each operation states its own security");
    }

    /** The requirement of a public route that authenticates a caller itself when no other rule lets the client in. */
    static final List<Map<String, Object>> OPTIONAL = List.of(Map.of(), AUTHENTICATED.get(0));

    /**
     * Both headers in one requirement (both required) unless public; a public route states an empty list, or, if it
     * authenticates some clients itself (metrics), none or both headers.
     */
    @Test
    void everyOperationDeclaresTheSchemeUnlessPublic() {
        List<String> wrong = new ArrayList<>();
        for (Route route : routes()) {
            Object security = operation(route).get("security");
            boolean right = isPublic(route.method()) ? List.of().equals(security) || OPTIONAL.equals(security)
                    : AUTHENTICATED.equals(security);
            if (!right) {
                wrong.add(route + ": " + security + (isPublic(route.method()) ? ", public" : ", authenticated"));
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** What the platform makes a route answer, whatever the route: each must be documented on that route. */
    @Test
    void everyOperationDocumentsThePlatformsAnswers() {
        List<String> missing = new ArrayList<>();
        for (Route route : routes()) {
            Map<String, Object> op = operation(route);
            Map<String, Object> responses = map(op.get("responses"));
            require(missing, route, responses.containsKey("200") && hasExample(map(responses.get("200"))),
                    "a 200 with an example");
            require(missing, route, responses.containsKey("500"), "500");
            boolean authenticates = !isPublic(route.method()) || OPTIONAL.equals(op.get("security"));
            require(missing, route, !authenticates || responses.containsKey("401"), "401 when it authenticates");
            if (authenticates) {
                require(missing, route, examples(map(responses.get("401"))).containsKey("unauthenticated"),
                        "the 401 unauthenticated example");
            }
            require(missing, route, isRateLimited(route.method()) == responses.containsKey("429"),
                    "429 exactly when rate limited");
            boolean body = readsBody(route.method());
            require(missing, route, body == op.containsKey("requestBody"), "a requestBody exactly when it reads one");
            for (String status : List.of("408", "413", "415")) {
                require(missing, route, body == responses.containsKey(status), status + " exactly when it reads a body");
            }
            if (body) {
                Map<String, Object> bad = examples(map(responses.get("400")));
                require(missing, route, bad.containsKey("invalidJson") && bad.containsKey("notAnObject"),
                        "400 invalidJson and notAnObject");
            }
        }
        assertEquals(List.of(), missing);
    }

    /** The envelope rules of the contract, on every example: failures start with success:false, successes end with success:true. */
    @Test
    void everyExampleIsAnEnvelope() {
        List<String> wrong = new ArrayList<>();
        for (Route route : routes()) {
            map(operation(route).get("responses")).forEach((status, response) ->
                    examples(map(response)).forEach((name, example) -> {
                        Object value = map(resolve(example)).get("value");
                        String where = route + " " + status + " " + name;
                        if (!(value instanceof Map<?, ?> body) || body.isEmpty()) {
                            wrong.add(where + ": not a JSON object");
                            return;
                        }
                        List<?> keys = new ArrayList<>(body.keySet());
                        if (status.startsWith("2")) {
                            if (body.containsKey("success")
                                    && (!keys.get(keys.size() - 1).equals("success") || !Boolean.TRUE.equals(body.get("success")))) {
                                wrong.add(where + ": success:true must be the last key");
                            }
                        } else if (!keys.get(0).equals("success") || !Boolean.FALSE.equals(body.get("success"))) {
                            wrong.add(where + ": success:false must be the first key");
                        }
                    }));
        }
        assertEquals(List.of(), wrong);
    }

    /** Every {@code $ref} names something the document holds. */
    @Test
    void everyReferenceResolves() {
        Set<String> refs = new TreeSet<>();
        collectRefs(DOC, refs);
        assertFalse(refs.isEmpty());
        List<String> dangling = refs.stream().filter(ref -> lookUp(ref) == null).toList();
        assertEquals(List.of(), dangling);
    }

    /** Scanning off, so that the served document is this file on both servers, not what each scanner adds. */
    @Test
    void annotationScanningIsOff() throws IOException {
        Properties config = new Properties();
        try (InputStream in = resource("META-INF/microprofile-config.properties")) {
            config.load(in);
        }
        assertEquals("true", config.getProperty("mp.openapi.scan.disable"));
    }

    // --- the document

    static Map<String, Object> paths() {
        return map(DOC.get("paths"));
    }

    static Map<String, Object> operation(Route route) {
        Map<String, Object> op = map(map(paths().get(route.path())).get(route.httpMethod()));
        assertNotNull(op, route.toString());
        return op;
    }

    /** Whether a response has an example, in whatever media type (metrics answer Prometheus text). */
    static boolean hasExample(Map<String, Object> response) {
        Map<String, Object> content = map(map(resolve(response)).get("content"));
        return content != null && content.values().stream().map(OpenApiDocumentTest::map)
                .anyMatch(media -> media.get("examples") != null || media.get("example") != null);
    }

    /** A response's JSON examples, references resolved. */
    static Map<String, Object> examples(Map<String, Object> response) {
        Map<String, Object> resolved = map(resolve(response));
        if (resolved == null || resolved.get("content") == null) {
            return Map.of();
        }
        Map<String, Object> json = map(map(resolved.get("content")).get("application/json"));
        return json == null || json.get("examples") == null ? Map.of() : map(json.get("examples"));
    }

    static Object resolve(Object node) {
        if (node instanceof Map<?, ?> m && m.get("$ref") instanceof String ref) {
            return lookUp(ref);
        }
        return node;
    }

    static Object lookUp(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        Object node = DOC;
        for (String part : ref.substring(2).split("/")) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(part.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }

    static void collectRefs(Object node, Set<String> refs) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add(String.valueOf(value));
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectRefs(item, refs));
        }
    }

    static Map<String, Object> withoutDescription(Map<String, Object> scheme) {
        Map<String, Object> copy = new java.util.HashMap<>(scheme);
        copy.remove("description");
        return copy;
    }

    static void require(List<String> missing, Route route, boolean present, String what) {
        if (!present) {
            missing.add(route + ": " + what);
        }
    }

    /**
     * The JSON form the WAR serves (where the server has no OpenAPI endpoint of its own) holds the whole file: read
     * back as YAML (JSON is YAML), it is the file's content, value for value.
     */
    @Test
    void theJsonFormIsTheWholeFile() {
        String json = OpenApiDocument.toJson(DOC).toString();
        assertEquals(DOC, OpenApiDocument.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** A value JSON cannot hold is refused, not served as something else. */
    @Test
    void aDateInTheFileIsRefused() {
        Object parsed = OpenApiDocument.parse("since: 2026-12-05\n".getBytes(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> OpenApiDocument.toJson(parsed));
    }

    /** format=JSON|YAML (any case) decides; else the Accept header; else YAML, as MicroProfile OpenAPI answers. */
    @Test
    void theFormIsChosenByFormatThenAccept() {
        assertFalse(OpenApiDocument.wantsJson(null, null));
        assertFalse(OpenApiDocument.wantsJson(null, "*/*"));
        assertFalse(OpenApiDocument.wantsJson(null, "application/yaml"));
        assertTrue(OpenApiDocument.wantsJson(null, "application/json"));
        assertTrue(OpenApiDocument.wantsJson(null, "text/html, Application/JSON;q=0.9"));
        assertTrue(OpenApiDocument.wantsJson("JSON", null));
        assertTrue(OpenApiDocument.wantsJson("json", "application/yaml"));
        assertFalse(OpenApiDocument.wantsJson("YAML", "application/json"));
        assertFalse(OpenApiDocument.wantsJson("yaml", null));
        assertTrue(OpenApiDocument.wantsJson("xml", "application/json"));
        assertFalse(OpenApiDocument.wantsJson("", null));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String name) {
        try (InputStream in = resource(name)) {
            return (Map<String, Object>) OpenApiDocument.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(name);
        assertNotNull(in, name);
        return in;
    }

    static java.nio.file.Path classesOf(Class<?> type) {
        try {
            return java.nio.file.Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
