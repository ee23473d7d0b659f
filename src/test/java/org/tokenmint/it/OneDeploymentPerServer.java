package org.tokenmint.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.arquillian.container.spi.Container;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;
import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.DeploymentEvent;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.core.api.Event;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.spi.event.suite.AfterSuite;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;

/**
 * One deployment of the built WAR per Arquillian container and test JVM, instead of one per test class, when the system
 * property {@value #SWITCH} is {@code true} (failsafe sets it for WildFly and Payara Micro; README, "Test").
 *
 * <p>The first class that deploys an archive to a container deploys it as usual. A later class deploying the same
 * archive (same name, same content) to that container deploys nothing: it is handed the first deployment's
 * {@link ProtocolMetaData}, so {@code @ArquillianResource URL} (with or without {@code @OperateOnDeployment}) injects as
 * before, and its undeploy at the end of the class is skipped. Every deployment kept is undeployed at
 * {@link AfterSuite}, before Arquillian stops the containers. An archive that differs from the one a container holds
 * replaces it (undeploy, then deploy), so no class ever talks to an archive it did not ask for.
 *
 * <p>Why: the Payara Micro adapter boots one Micro process per deployment (its {@code start} does nothing, its
 * {@code deploy} launches {@code payara-micro.jar --deploy}), about 30 s each on a 2-core machine, and nearly every IT
 * class deploys; WildFly redeploys in a few seconds. The price is that a server's memory (rate-limit windows, remembered
 * two-factor steps, the token cache, metrics) now lives from class to class, as on a real node: every IT makes its own
 * uniquely named data and measures counters as differences, so no class depends on what ran before it.
 */
public class OneDeploymentPerServer implements LoadableExtension {

    /** The system property that switches it on; without it every class deploys and undeploys its own archives. */
    public static final String SWITCH = "tokenmint.it.deployOnce";

    @Override
    public void register(ExtensionBuilder builder) {
        if (Boolean.getBoolean(SWITCH)) {
            builder.observer(Keeper.class);
        }
    }

    /** What one container holds: the deployment that put it there, its archive's fingerprint, its protocol data. */
    record Kept(Container container, Deployment deployment, String fingerprint, ProtocolMetaData metaData) {
    }

    /** The observer: one per Arquillian manager, that is per test JVM. */
    public static class Keeper {

        /** By container name, in the order deployed. */
        private final Map<String, Kept> kept = new LinkedHashMap<>();

        /** The deployments of test classes that a kept deployment serves (the one that made it among them). */
        private final Set<Deployment> served = Collections.newSetFromMap(new IdentityHashMap<>());

        /** The undeploys this observer fires itself pass through. */
        private boolean undeploying;

        @Inject
        @DeploymentScoped
        private InstanceProducer<DeploymentDescription> description;

        @Inject
        @DeploymentScoped
        private InstanceProducer<Deployment> deployment;

        @Inject
        @DeploymentScoped
        private InstanceProducer<ProtocolMetaData> protocolMetaData;

        @Inject
        private Event<DeploymentEvent> deploymentEvents;

        /**
         * Runs inside the container and deployment contexts that Arquillian's own handler activates at precedence 0,
         * so what it sets is this class's deployment's, exactly what {@code ContainerDeployController} would set.
         */
        public void deploy(@Observes(precedence = -100) EventContext<DeployDeployment> context) {
            DeployDeployment event = context.getEvent();
            Deployment current = event.getDeployment();
            DeploymentDescription wanted = current.getDescription();
            if (!wanted.isArchiveDeployment()) {
                context.proceed();
                return;
            }
            String fingerprint = fingerprint(archive(wanted));
            Kept held = kept.get(event.getContainerName());
            if (held != null && held.fingerprint().equals(fingerprint)) {
                description.set(wanted);
                deployment.set(current);
                protocolMetaData.set(held.metaData());
                current.deployed();
                served.add(current);
                return;
            }
            if (held != null) {
                undeploy(held);
            }
            context.proceed();
            ProtocolMetaData published = protocolMetaData.get();
            if (current.isDeployed() && !current.hasDeploymentError() && published != null) {
                kept.put(event.getContainerName(), new Kept(event.getContainer(), current, fingerprint, published));
                served.add(current);
            }
        }

        /** A kept deployment stays; this class's deployment context still goes (Arquillian's handler destroys it). */
        public void undeploy(@Observes(precedence = -100) EventContext<UnDeployDeployment> context) {
            Deployment ending = context.getEvent().getDeployment();
            if (undeploying || !served.remove(ending)) {
                context.proceed();
                return;
            }
            ending.undeployed();
        }

        /** Before Arquillian stops the suite's containers (its observer has precedence 0). */
        public void undeployAll(@Observes(precedence = 100) AfterSuite event) {
            List<Kept> all = new ArrayList<>(kept.values());
            kept.clear();
            RuntimeException failed = null;
            for (int i = all.size() - 1; i >= 0; i--) {
                try {
                    undeploy(all.get(i));
                } catch (RuntimeException e) {
                    if (failed == null) {
                        failed = e;
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        }

        private void undeploy(Kept held) {
            kept.remove(held.container().getName());
            if (held.container().getState() != Container.State.STARTED) {
                return;
            }
            undeploying = true;
            try {
                // marked deployed again: the class that made it has since marked it undeployed
                held.deployment().deployed();
                deploymentEvents.fire(new UnDeployDeployment(held.container(), held.deployment()));
            } finally {
                undeploying = false;
            }
        }
    }

    static Archive<?> archive(DeploymentDescription description) {
        return description.getTestableArchive() != null ? description.getTestableArchive() : description.getArchive();
    }

    /** The archive's name and every entry's path and bytes, in path order: equal only for the same archive. */
    static String fingerprint(Archive<?> archive) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(archive.getName().getBytes(StandardCharsets.UTF_8));
            Map<String, Node> entries = new TreeMap<>();
            for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
                entries.put(entry.getKey().get(), entry.getValue());
            }
            byte[] buffer = new byte[64 * 1024];
            for (Map.Entry<String, Node> entry : entries.entrySet()) {
                digest.update((byte) 0);
                digest.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                if (entry.getValue().getAsset() == null) {
                    continue;
                }
                digest.update((byte) 1);
                try (InputStream in = entry.getValue().getAsset().openStream()) {
                    for (int read; (read = in.read(buffer)) != -1; ) {
                        digest.update(buffer, 0, read);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read archive " + archive.getName(), e);
        }
    }
}
