package org.tokenmint.platform.boundary;

import jakarta.servlet.http.HttpServletRequest;
import org.tokenmint.platform.control.IpAddresses;

/**
 * Who the client is, for the rate limiter, failed-login blocking and the token audit: the connection's remote
 * address in canonical form. Proxy headers ({@code X-Forwarded-For}) are not trusted, so behind a proxy every client
 * has the proxy's address. The one place that rule lives.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest http) {
        return IpAddresses.canonical(http.getRemoteAddr());
    }
}
