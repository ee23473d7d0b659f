package org.tokenmint.moving.control;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.Optional;
import org.tokenmint.tokens.control.TokenSettings;

/** The job's first step: roles, permission assignments and the expiry setting, in one transaction. */
@Dependent
@Named("rocketChatAccess")
public class AccessStep extends AbstractBatchlet {

    @Inject
    JobContext context;

    @Inject
    ImportStore store;

    @Inject
    TokenSettings settings;

    @Override
    public String process() {
        ImportJob job = ImportJob.of(context);
        Optional<Integer> days = job.folder().loginExpirationDays();
        store.access(job.importId(), job.folder(), job.dryRun(), days,
                ImportJob.tokenCutoff(days, settings, Instant.now()));
        return BatchStatus.COMPLETED.name();
    }
}
