package org.tokenmint.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.tokenmint.platform.control.BuildInfo;

/**
 * The deployment is alive: it answers through its own beans. It says nothing of the database (a database outage is
 * not cured by restarting the node; {@link ReadinessCheck} takes the node out of rotation instead). On WildFly the health
 * endpoints belong to the management interface, which answers without the WAR; this check puts the WAR's own state
 * (and version) in the liveness answer.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    BuildInfo build;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(ReadinessCheck.NAME).up().withData("version", build.version()).build();
    }
}
