package org.tokenmint.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Tests against the {@code default} server (CREATE_TOKENS_FOR_USERS=true, MAX_RESUME_LOGIN_TOKENS=5). */
abstract class OnDefaultServer extends ServerIT {

    @Deployment(testable = false)
    @TargetsContainer("default")
    static WebArchive war() {
        return Deployments.builtWar();
    }
}
