package org.tokenmint.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyDeadlineTest {

    private static HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(BodyDeadlineTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> null);
    }

    /** Payara Server's JAX-RS runtime asks for the stream more than once while it reads the body. */
    @Test
    void aBufferedBodyIsOneStreamHoweverOftenItIsAskedFor() throws IOException {
        byte[] body = "{\"user\":\"admin\"}".getBytes(StandardCharsets.UTF_8);
        BodyDeadline.Buffered request = new BodyDeadline.Buffered(request(), body);
        ServletInputStream first = request.getInputStream();
        assertSame(first, request.getInputStream());
        byte[] read = new byte[64];
        int n = request.getInputStream().read(read, 0, 5);
        int m = request.getInputStream().read(read, n, read.length - n);
        assertArrayEquals(body, java.util.Arrays.copyOf(read, n + m));
        assertSame(-1, request.getInputStream().read());
    }
}
