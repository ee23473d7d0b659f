package org.tokenmint.moving.control;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Streams {@code users.json}, one record per item. Its checkpoint is the number of records read, so a restarted job
 * reads past the users whose chunk was committed and goes on with the next.
 */
@Dependent
@Named("rocketChatUserReader")
public class UserReader extends AbstractItemReader {

    @Inject
    JobContext context;

    private ExportReader reader;

    @Override
    public void open(Serializable checkpoint) {
        reader = ImportJob.of(context).folder().open(ExportFolder.USERS);
        if (checkpoint instanceof Long read) {
            reader.skip(read);
        }
    }

    @Override
    public Object readItem() {
        return reader.next();
    }

    @Override
    public Serializable checkpointInfo() {
        return reader.position();
    }

    @Override
    public void close() throws Exception {
        if (reader != null) {
            reader.close();
        }
    }
}
