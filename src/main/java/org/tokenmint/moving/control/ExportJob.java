package org.tokenmint.moving.control;

import jakarta.batch.runtime.context.JobContext;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The parameters of one run of the job {@value #NAME}, as its artifacts read them from the job's properties: the
 * folder it writes into ({@code partial}, {@code <folder>.partial} under the export directory) and the one that
 * folder becomes once every file is complete ({@code target}).
 */
public record ExportJob(Path partial, Path target, int chunkSize) {

    public static final String NAME = "rocketchat-export";
    static final String PARTIAL = "partial";
    static final String TARGET = "target";
    static final String CHUNK_SIZE = "chunkSize";
    static final String SUFFIX = ".partial";

    static ExportJob of(JobContext context) {
        Properties properties = context.getProperties();
        return new ExportJob(Path.of(properties.getProperty(PARTIAL)), Path.of(properties.getProperty(TARGET)),
                Integer.parseInt(properties.getProperty(CHUNK_SIZE)));
    }

    Path file(String collection) {
        return partial.resolve(collection + ".json");
    }
}
