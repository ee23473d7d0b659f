package org.tokenmint.moving.control;

import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Database;
import org.tokenmint.platform.control.Logs;
import org.tokenmint.platform.control.MeteorIds;
import org.tokenmint.platform.control.Settings;
import org.tokenmint.platform.entity.Caller;

/**
 * Starts the import job on a folder under {@code TOKENMINT_IMPORT_DIR}, and answers how a job is doing. Both need
 * {@code import-rocketchat}.
 */
@ApplicationScoped
public class Imports {

    static final Logger LOG = Logs.of(Imports.class);
    static final String FOLDER_NAME = "folderName";

    @Inject
    @ConfigProperty(name = "TOKENMINT_IMPORT_DIR")
    Optional<String> importDir;

    @Inject
    Config config;

    @Inject
    Database db;

    @Inject
    Caller caller;

    public record Started(long jobId, String importId, String folder, boolean dryRun) {
    }

    public record Count(String kind, String outcome, long items, long tokens, long expiredTokens) {
    }

    public record Item(String kind, long position, String key, String outcome, String detail) {
    }

    public record Status(long jobId, String importId, String folder, boolean dryRun, String status, String exitStatus,
            Instant createdAt, Instant startedAt, Instant endedAt, List<Count> counts, List<Item> items, long total) {

        public boolean done() {
            return switch (status) {
                case "COMPLETED", "FAILED", "STOPPED", "ABANDONED" -> true;
                default -> false;
            };
        }
    }

    @RequiresPermission(Permission.IMPORT_ROCKETCHAT)
    public Started start(String folder, boolean dryRun) {
        Path path = resolve(folder);
        ExportFolder export = new ExportFolder(path);
        for (String collection : ExportFolder.REQUIRED) {
            if (!export.has(collection)) {
                throw ApiError.of("error-invalid-export", "The folder has no " + collection + ".json");
            }
        }
        String importId = MeteorIds.next();
        Properties parameters = new Properties();
        parameters.setProperty(ImportJob.IMPORT_ID, importId);
        parameters.setProperty(ImportJob.FOLDER, path.toString());
        parameters.setProperty(FOLDER_NAME, folder);
        parameters.setProperty(ImportJob.DRY_RUN, Boolean.toString(dryRun));
        parameters.setProperty(ImportJob.CHUNK_SIZE,
                Integer.toString(Settings.positiveInt(config, "TOKENMINT_IMPORT_CHUNK_SIZE")));
        long jobId = operator().start(ImportJob.NAME, parameters);
        LOG.info(() -> "import " + importId + " (job " + jobId + ") started by " + caller.userId()
                + (dryRun ? ", dry run" : ""));
        return new Started(jobId, importId, folder, dryRun);
    }

    /** The folder named, under the import directory: never one outside it, also not through a link. */
    Path resolve(String folder) {
        String base = importDir.filter(dir -> !dir.isBlank()).orElseThrow(
                () -> ApiError.of("error-import-not-configured", "The server has no import directory"));
        try {
            Path root = Path.of(base).toRealPath();
            Path path = root.resolve(folder).normalize();
            if (path.startsWith(root) && Files.isDirectory(path)) {
                Path real = path.toRealPath();
                if (real.startsWith(root)) {
                    return real;
                }
            }
        } catch (IOException | InvalidPathException e) {
            // answered below, as any other folder that is not one under the import directory
        }
        throw ApiError.of("error-invalid-folder", "The folder must be a folder under the import directory");
    }

    /**
     * Restarts a FAILED or STOPPED import job with its own parameters (so its import id, and with it its outcomes,
     * stay): the batch runtime skips the steps that completed and goes on after the last checkpoint of the one that
     * did not. Answers the new execution.
     */
    @RequiresPermission(Permission.IMPORT_ROCKETCHAT)
    public Started restart(long jobId) {
        JobOperator operator = operator();
        JobExecution execution = execution(operator, jobId);
        BatchStatus batchStatus = execution.getBatchStatus();
        if (batchStatus != BatchStatus.FAILED && batchStatus != BatchStatus.STOPPED) {
            throw notRestartable("it is " + batchStatus.name());
        }
        Properties parameters = execution.getJobParameters();
        long restarted;
        try {
            restarted = operator.restart(jobId, parameters);
        } catch (JobExecutionNotMostRecentException e) {
            throw notRestartable("it was restarted already; restart its latest run");
        } catch (JobExecutionAlreadyCompleteException | JobRestartException e) {
            throw notRestartable("the batch runtime refuses");
        }
        String importId = parameters.getProperty(ImportJob.IMPORT_ID);
        LOG.info(() -> "import " + importId + " (job " + jobId + ") restarted as job " + restarted + " by "
                + caller.userId());
        return new Started(restarted, importId, parameters.getProperty(FOLDER_NAME),
                Boolean.parseBoolean(parameters.getProperty(ImportJob.DRY_RUN)));
    }

    private static ApiError notRestartable(String why) {
        return ApiError.of("error-import-not-restartable", "Only a FAILED or STOPPED import job can be restarted, "
                + "and " + why);
    }

    private static JobExecution execution(JobOperator operator, long jobId) {
        return execution(operator, jobId, ImportJob.NAME,
                () -> ApiError.of("error-import-not-found", "No import job has this jobId"));
    }

    /** The execution {@code jobId} of the job {@code jobName}, or {@code notFound} when there is none. */
    static JobExecution execution(JobOperator operator, long jobId, String jobName, Supplier<ApiError> notFound) {
        JobExecution execution;
        try {
            execution = operator.getJobExecution(jobId);
        } catch (NoSuchJobExecutionException e) {
            execution = null;
        }
        if (execution == null || !jobName.equals(execution.getJobName())) {
            throw notFound.get();
        }
        return execution;
    }

    @RequiresPermission(Permission.IMPORT_ROCKETCHAT)
    public Status status(long jobId, int offset, int count) {
        JobOperator operator = operator();
        JobExecution execution = execution(operator, jobId);
        Properties parameters = execution.getJobParameters();
        String importId = parameters.getProperty(ImportJob.IMPORT_ID);
        String batchStatus = execution.getBatchStatus().name();
        if (batchStatus.equals("COMPLETED") && !settled(operator, jobId, importId)) {
            // WildFly's JBeret was seen answering COMPLETED before the last chunk's outcomes could be read;
            // so the outcomes are read only after they all are
            batchStatus = "STARTED";
        }
        List<Count> counts = db.all("SELECT kind, outcome, count(*), coalesce(sum(tokens), 0), "
                + "coalesce(sum(expired_tokens), 0) FROM import_items WHERE import_id = ? "
                + "GROUP BY kind, outcome ORDER BY kind, outcome",
                row -> new Count(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5)),
                importId);
        // every item that was not simply taken over, and every one that was with something left behind (a note)
        String reported = "import_id = ? AND (detail IS NOT NULL OR outcome NOT IN ('imported', 'would-import', "
                + "'exists', 'updated', 'would-update', 'applied'))";
        long total = db.first("SELECT count(*) FROM import_items WHERE " + reported, row -> row.getLong(1), importId)
                .orElse(0L);
        List<Item> items = db.all("SELECT kind, position, item_key, outcome, detail FROM import_items WHERE "
                + reported + " ORDER BY kind DESC, position OFFSET ? LIMIT ?",
                row -> new Item(row.getString(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5)),
                importId, offset, count == 0 ? Integer.MAX_VALUE : count);
        return new Status(jobId, importId, parameters.getProperty(FOLDER_NAME),
                Boolean.parseBoolean(parameters.getProperty(ImportJob.DRY_RUN)), batchStatus,
                execution.getExitStatus(), instant(execution.getCreateTime()), instant(execution.getStartTime()),
                instant(execution.getEndTime()), counts, items, total);
    }

    /** Whether every record the users step wrote has its outcome recorded, and the access step its setting row. */
    private boolean settled(JobOperator operator, long jobId, String importId) {
        long written = 0;
        for (StepExecution step : operator.getStepExecutions(jobId)) {
            if (step.getStepName().equals("users") && step.getMetrics() != null) {
                for (Metric metric : step.getMetrics()) {
                    if (metric.getType() == Metric.MetricType.WRITE_COUNT) {
                        written = metric.getValue();
                    }
                }
            }
        }
        long recorded = db.first("SELECT count(*) FILTER (WHERE kind = 'user'), count(*) FILTER (WHERE kind = 'setting') "
                + "FROM import_items WHERE import_id = ?", row -> row.getLong(1) >= 0 && row.getLong(2) > 0
                        ? row.getLong(1) : -1L, importId).orElse(-1L);
        return recorded >= written;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
