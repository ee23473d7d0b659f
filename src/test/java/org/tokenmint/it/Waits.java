package org.tokenmint.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for what a server does in its own time: a notification that arrives, a scheduled purge, a renewed lease. */
final class Waits {

    /** Long enough for any busy machine; a healthy server is done within milliseconds. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private Waits() {
    }

    /**
     * Polls every 20 ms until the condition holds. The deadline only stops a broken server from hanging the build; no
     * assertion depends on how fast the machine is.
     */
    static void eventually(String why, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + why);
            }
            Thread.sleep(20);
        }
    }
}
