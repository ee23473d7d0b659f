package org.tokenmint.moving.control;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;

/**
 * The export's last step: {@code <folder>.partial} becomes {@code <folder>} in one rename, so that a folder of the
 * export's name only ever holds a complete export. An empty folder of that name (one the operator made) is replaced.
 */
@Dependent
@Named("rocketChatExportFinish")
public class ExportFinishStep extends AbstractBatchlet {

    @Inject
    JobContext context;

    @Override
    public String process() throws IOException {
        ExportJob job = ExportJob.of(context);
        if (Files.isDirectory(job.target(), LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(job.target()); // fails, and so fails the job, unless it is empty
        }
        Files.move(job.partial(), job.target(), StandardCopyOption.ATOMIC_MOVE);
        return BatchStatus.COMPLETED.name();
    }
}
