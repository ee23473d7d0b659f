package org.tokenmint.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build produced, deployed unchanged: the artifact users download is what the tests call. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive builtWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/tokenmint.war"));
    }
}
