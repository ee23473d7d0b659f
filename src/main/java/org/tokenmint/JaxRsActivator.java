package org.tokenmint;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * JAX-RS owns the whole context, so that every answer (unknown routes included) is a Rocket.Chat envelope,
 * and so that {@code /api/info} sits beside {@code /api/v1/*} as in Rocket.Chat.
 */
@ApplicationPath("/")
public class JaxRsActivator extends Application {
}
