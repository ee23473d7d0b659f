package org.tokenmint.it;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tokenmint.it.Api.Session;

/**
 * What every IT against a deployed WAR shares: Arquillian, the server's URL, a client per test, and the admin's
 * session, logged in once per test class (each test still creates its own uniquely named data). A subclass names its
 * server with a {@code @Deployment @TargetsContainer} method, or inherits one ({@link OnDefaultServer}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class ServerIT {

    /** The admin's session per test class and server; a login is a bcrypt on the server and a token against the cap. */
    private static final Map<String, Session> ADMINS = new ConcurrentHashMap<>();

    @ArquillianResource
    URL base;

    Api api;
    Session admin;

    @BeforeEach
    void connectAsAdmin() {
        base = Api.loopback(base);
        api = new Api(base);
        admin = ADMINS.computeIfAbsent(getClass().getName() + " " + base, key -> api.admin());
        api.useAdmin(admin);
    }
}
