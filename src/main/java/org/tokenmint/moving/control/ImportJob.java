package org.tokenmint.moving.control;

import jakarta.batch.runtime.context.JobContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.tokenmint.tokens.control.TokenSettings;

/** The parameters of one run of the job {@value #NAME}, as its artifacts read them from the job's properties. */
public record ImportJob(String importId, ExportFolder folder, boolean dryRun) {

    public static final String NAME = "rocketchat-import";
    static final String IMPORT_ID = "importId";
    static final String FOLDER = "folder";
    static final String DRY_RUN = "dryRun";
    static final String CHUNK_SIZE = "chunkSize";

    static ImportJob of(JobContext context) {
        Properties properties = context.getProperties();
        return new ImportJob(properties.getProperty(IMPORT_ID),
                new ExportFolder(Path.of(properties.getProperty(FOLDER))),
                Boolean.parseBoolean(properties.getProperty(DRY_RUN)));
    }

    /**
     * Tokens issued at or before this instant are expired: those past the export's {@code Accounts_LoginExpiration}
     * (Rocket.Chat no longer took them) or past tokenmint's own (tokenmint would not take them).
     */
    static Instant tokenCutoff(Optional<Integer> exportDays, TokenSettings settings, Instant now) {
        Duration lifetime = settings.expiration();
        if (exportDays.isPresent() && Duration.ofDays(exportDays.get()).compareTo(lifetime) < 0) {
            lifetime = Duration.ofDays(exportDays.get());
        }
        return now.minus(lifetime);
    }
}
