package org.tokenmint.moving.control;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.tokenmint.moving.entity.ExportedUser;
import org.tokenmint.tokens.control.TokenSettings;

/**
 * Reads the users in {@code _id} order, a page of {@code chunkSize} at a time (keyset paging: {@code id > last}), so
 * that the export holds one page in memory, never the table. Its checkpoint is the id of the last user read, so a
 * restarted step goes on with the next one.
 */
@Dependent
@Named("rocketChatExportReader")
public class ExportUserReader extends AbstractItemReader {

    @Inject
    JobContext context;

    @Inject
    ExportStore store;

    @Inject
    TokenSettings settings;

    private String last;
    private int pageSize;
    private Instant cutoff;
    private Iterator<ExportedUser> page = List.<ExportedUser>of().iterator();
    private boolean lastPage;

    @Override
    public void open(Serializable checkpoint) {
        last = checkpoint instanceof String id ? id : "";
        pageSize = ExportJob.of(context).chunkSize();
        cutoff = Instant.now().minus(settings.expiration());
    }

    @Override
    public Object readItem() {
        if (!page.hasNext()) {
            if (lastPage) {
                return null;
            }
            List<ExportedUser> users = store.users(last, pageSize, cutoff);
            lastPage = users.size() < pageSize;
            page = users.iterator();
            if (!page.hasNext()) {
                return null;
            }
        }
        ExportedUser user = page.next();
        last = user.id();
        return user;
    }

    @Override
    public Serializable checkpointInfo() {
        return last;
    }
}
