package org.tokenmint.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the node is being stopped: the file {@code TOKENMINT_DRAIN_FILE} exists. {@code bin/run} creates it on
 * SIGTERM and stops the server only {@code DRAIN_SECONDS} later. Meanwhile readiness is DOWN, so that load balancers
 * take the node out before it refuses anything, and the token cache leaves, so that no revocation waits for it.
 */
@ApplicationScoped
public class Drain {

    @Inject
    @ConfigProperty(name = "TOKENMINT_DRAIN_FILE")
    Optional<String> file;

    public boolean draining() {
        return file.filter(name -> !name.isBlank() && Files.exists(Path.of(name))).isPresent();
    }
}
