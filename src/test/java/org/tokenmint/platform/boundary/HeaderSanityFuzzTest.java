package org.tokenmint.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.JsonBody;
import org.tokenmint.platform.control.JsonFuzz;

/**
 * HeaderSanity on any header values: the substitute Content-Type is the value itself or one that the body reader
 * refuses with 415, never an exception; the wrapped request answers Accept with application/json under every
 * spelling and shows one Content-Type through all three accessors. (MediaType's parser is the server's JAX-RS
 * runtime, absent from unit tests, so here every non-null value takes the unparsable branch; the ITs cover both
 * runtimes.)
 */
class HeaderSanityFuzzTest {

    static final String[] KNOWN_TYPES = {"application/json", "application/json; charset=utf-8", "text/plain", "",
        ";", "/", "a/b/c", "application/json; charset=\"utf-8", "application/json\r\nX: y",
        "application/json;" + ";".repeat(5000), "*/*", "application/json\u0000"};

    /** A Content-Type value: a known one, any text, or none. */
    static String contentType(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 5)) {
            case 0, 1, 2 -> data.pickValue(KNOWN_TYPES);
            case 3, 4 -> JsonFuzz.unicodeStrings(30).next(data);
            default -> null;
        };
    }

    /** A value as written (a kept input: one header value ending in a newline), or drawn. */
    @FuzzTest(maxDuration = "30s")
    void contentTypeIsTheValueOrOneTheBodyReaderRefuses(FuzzedDataProvider data) {
        Optional<byte[]> written = JsonFuzz.asWritten(data);
        String value = written.isPresent() ? JsonFuzz.text(written.get()) : contentType(data);
        String normalised = HeaderSanity.contentType(value);
        if (value == null) {
            assertEquals(null, normalised);
        } else {
            assertTrue(normalised.equals(value) || normalised.equals(HeaderSanity.UNPARSABLE), normalised);
        }
        if (normalised != null && normalised.equals(HeaderSanity.UNPARSABLE)) {
            ApiError refused = assertThrows(ApiError.class, () -> JsonBody.read(normalised,
                    new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))));
            JsonFuzz.assertInvalidParams(refused, 415);
        }
    }

    static final String[] NAMES = {"Accept", "accept", "ACCEPT", "Content-Type", "content-type", "X-Auth-Token",
        "X-User-Id", "Host"};

    static final String[] ACCEPT_SPELLINGS = {"Accept", "accept", "ACCEPT", "aCCept"};

    @FuzzTest(maxDuration = "30s")
    void theWrappedRequestAnswersJsonAndOneContentType(FuzzedDataProvider data) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int size = data.consumeInt(0, 6);
        for (int i = 0; i < size && data.remainingBytes() > 0; i++) {
            String value = contentType(data);
            headers.add(Map.entry(data.pickValue(NAMES), value == null ? "" : value));
        }
        String contentType = contentType(data);
        String asked = data.pickValue(ACCEPT_SPELLINGS);
        HttpServletRequest request = request(headers);
        HeaderSanity.Normalised wrapped = new HeaderSanity.Normalised(request, contentType);

        assertEquals("application/json", wrapped.getHeader(asked));
        assertEquals(List.of("application/json"), Collections.list(wrapped.getHeaders("aCcEpT")));
        assertEquals(contentType, wrapped.getContentType());
        assertEquals(contentType, wrapped.getHeader("content-TYPE"));
        assertEquals(contentType == null ? List.of() : List.of(contentType),
                Collections.list(wrapped.getHeaders("Content-Type")));
        List<String> names = Collections.list(wrapped.getHeaderNames());
        assertTrue(names.stream().anyMatch("Accept"::equalsIgnoreCase), names::toString);
        for (Map.Entry<String, String> header : headers) {
            if (!header.getKey().equalsIgnoreCase("Accept") && !header.getKey().equalsIgnoreCase("Content-Type")) {
                assertTrue(Collections.list(wrapped.getHeaders(header.getKey())).contains(header.getValue()));
            }
        }
    }

    /** A request holding the given headers (names case-insensitive, as the servlet API says), nothing else. */
    static HttpServletRequest request(List<Map.Entry<String, String>> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.stream().filter(h -> h.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(headers.stream()
                            .filter(h -> h.getKey().equalsIgnoreCase((String) args[0])).map(Map.Entry::getValue).toList());
                    case "getHeaderNames" -> Collections.enumeration(new ArrayList<>(headers.stream()
                            .map(Map.Entry::getKey).distinct().toList()));
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "request" + headers;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
