package org.tokenmint.moving.control;

import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.tokenmint.moving.entity.ItemOutcome;
import org.tokenmint.tokens.control.TokenSettings;

/** Maps a record of {@code users.json} to a user to write, or to the outcome of a record that is none. */
@Dependent
@Named("rocketChatUserProcessor")
public class UserProcessor implements ItemProcessor {

    @Inject
    JobContext context;

    @Inject
    ImportStore store;

    @Inject
    TokenSettings settings;

    private UserMapping mapping;

    @Override
    public Object processItem(Object item) {
        ExportReader.Record record = (ExportReader.Record) item;
        if (record.isMalformed()) {
            return ItemOutcome.of("user", record.position(), null, ItemOutcome.MALFORMED, record.malformed());
        }
        try {
            return new UserItem(record.position(), mapping().map(record.document()));
        } catch (UserMapping.Rejected e) {
            return ItemOutcome.of("user", record.position(),
                    ExtendedJson.string(record.document().get("_id")).orElse(null), e.outcome(), e.getMessage());
        }
    }

    private UserMapping mapping() {
        if (mapping == null) {
            ImportJob job = ImportJob.of(context);
            Optional<Integer> days = job.folder().loginExpirationDays();
            Instant now = Instant.now();
            Set<String> roles = new HashSet<>(store.roleIds());
            roles.addAll(job.folder().userRoleIds());
            mapping = new UserMapping(ImportJob.tokenCutoff(days, settings, now), roles, now);
        }
        return mapping;
    }
}
