package org.tokenmint.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenmint.it.Api.Session;

/**
 * Tests against the {@code default} server (CREATE_TOKENS_FOR_USERS=true), each starting with a client and a fresh
 * admin session.
 */
@ExtendWith(ArquillianExtension.class)
abstract class OnDefaultServer {

    @Deployment(testable = false)
    @TargetsContainer("default")
    static WebArchive war() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    URL base;

    Api api;
    Session admin;

    @BeforeEach
    void connectAsAdmin() {
        api = new Api(base);
        admin = api.admin();
    }
}
