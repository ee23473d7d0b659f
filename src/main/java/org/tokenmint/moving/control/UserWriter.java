package org.tokenmint.moving.control;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import org.tokenmint.moving.entity.ItemOutcome;

/**
 * Writes a chunk of users and the outcome of every record of the chunk, in the chunk's transaction: the users, their
 * outcomes and the reader's checkpoint commit together, or none of them.
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
        List<ItemOutcome> outcomes = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof UserItem user) {
                outcomes.add(store.user(user.position(), user.user(), job.dryRun()));
            } else {
                outcomes.add((ItemOutcome) item);
            }
        }
        store.record(job.importId(), outcomes);
    }
}
