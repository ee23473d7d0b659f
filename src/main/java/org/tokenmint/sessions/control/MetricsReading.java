package org.tokenmint.sessions.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.AddressList;
import org.tokenmint.platform.control.Metrics;

/**
 * Reads the node's meters: for a caller holding {@code view-metrics}, or for a client whose address is in
 * {@code TOKENMINT_METRICS_ALLOW} (unset: none). The list is read when the application starts, so that an entry that
 * is not an address or a CIDR block fails the deployment rather than a scrape.
 */
@ApplicationScoped
public class MetricsReading {

    @Inject
    Metrics metrics;

    @Inject
    @ConfigProperty(name = "TOKENMINT_METRICS_ALLOW")
    Optional<String> allowSetting;

    private AddressList allowed;

    @PostConstruct
    void read() {
        allowed = AddressList.parse(allowSetting.orElse(null));
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object started) {
        allowed.isEmpty(); // makes the bean, and so reads the list, at deployment
    }

    /** Whether a client at this address may read the meters without credentials. */
    public boolean allows(String address) {
        return allowed.contains(address);
    }

    @RequiresPermission(Permission.VIEW_METRICS)
    public String forCaller() {
        return metrics.scrape();
    }

    /** For a client that {@link #allows}: the address is the credential. */
    public String forAllowedAddress() {
        return metrics.scrape();
    }
}
