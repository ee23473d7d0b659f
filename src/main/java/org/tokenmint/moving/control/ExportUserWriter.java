package org.tokenmint.moving.control;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.tokenmint.moving.entity.ExportedToken;
import org.tokenmint.moving.entity.ExportedUser;

/**
 * Appends a chunk of users to {@code users.json}, one line each, and forces them to disk before the runtime saves
 * the checkpoint: the file's length. A restarted step cuts the file back to that length, so a chunk written but not
 * checkpointed is written once, not twice. Counts go into the step's persistent user data.
 */
@Dependent
@Named("rocketChatExportWriter")
public class ExportUserWriter extends AbstractItemWriter {

    @Inject
    JobContext context;

    @Inject
    StepContext step;

    private FileChannel file;
    private ExportCounts counts;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        file = FileChannel.open(ExportJob.of(context).file(ExportFolder.USERS), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        long length = checkpoint instanceof Long checkpointed ? checkpointed : 0L;
        file.truncate(length);
        file.position(length);
        counts = length > 0 ? ExportCounts.of(step.getPersistentUserData()) : ExportCounts.NONE;
    }

    @Override
    public void writeItems(List<Object> items) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream(items.size() * 1024);
        long login = 0;
        long personal = 0;
        for (Object item : items) {
            ExportedUser user = (ExportedUser) item;
            lines.writeBytes(MongoDocuments.user(user).getBytes(StandardCharsets.UTF_8));
            lines.write('\n');
            for (ExportedToken token : user.tokens()) {
                if (token.personal()) {
                    personal++;
                } else {
                    login++;
                }
            }
        }
        ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
        file.force(false);
        counts = counts.plus(new ExportCounts(items.size(), login, personal, 0, 0));
        step.setPersistentUserData(counts.persistent());
    }

    @Override
    public Serializable checkpointInfo() throws IOException {
        return file == null ? null : file.position();
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
