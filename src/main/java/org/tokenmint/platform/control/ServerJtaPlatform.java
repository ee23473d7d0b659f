package org.tokenmint.platform.control;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformProvider;

/**
 * Tells the Hibernate ORM in the WAR where the server's transaction manager is, on servers whose JPA integration
 * does not (Payara: Hibernate finds no JTA platform there, then fails with "Unable to determine Dialect").
 * WildFly's integration sets the platform itself, so Hibernate never asks this provider there; and where
 * {@code java:appserver/TransactionManager} does not resolve, it answers {@code null} and Hibernate goes on
 * with its own detection. Registered in {@code META-INF/services}.
 */
public class ServerJtaPlatform implements JtaPlatformProvider {

    /** Where GlassFish-family servers (Payara) bind their transaction manager. */
    static final String GLASSFISH_TRANSACTION_MANAGER = "java:appserver/TransactionManager";

    @Override
    public JtaPlatform getProvidedJtaPlatform() {
        try {
            InitialContext context = new InitialContext();
            try {
                return context.lookup(GLASSFISH_TRANSACTION_MANAGER) != null ? new SunOneJtaPlatform() : null;
            } finally {
                context.close();
            }
        } catch (NamingException | RuntimeException notGlassFish) {
            return null;
        }
    }
}
