package org.tokenmint.moving.control;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Writes a chunk of users and the outcome of every record of the chunk, in one transaction of their own
 * ({@link ImportStore#chunk}); the runtime then saves the reader's checkpoint.
 */
@Dependent
@Named("rocketChatUserWriter")
public class UserWriter extends AbstractItemWriter {

    @Inject
    JobContext context;

    @Inject
    ImportStore store;

    @Override
    public void writeItems(List<Object> items) {
        ImportJob job = ImportJob.of(context);
        store.chunk(job.importId(), items, job.dryRun());
    }
}
