package org.tokenmint.moving.control;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tokenmint.access.control.RequiresPermission;
import org.tokenmint.access.entity.Permission;
import org.tokenmint.platform.control.ApiError;
import org.tokenmint.platform.control.Logs;
import org.tokenmint.platform.control.Settings;
import org.tokenmint.platform.entity.Caller;

/**
 * Starts the export job into a new folder under {@code TOKENMINT_EXPORT_DIR}, and answers how a job is doing. Both
 * need {@code export-rocketchat}. The job writes into {@code <folder>.partial} and renames it to {@code <folder>} as
 * its last step, so a folder of that name is always a complete export.
 */
@ApplicationScoped
public class Exports {

    static final Logger LOG = Logs.of(Exports.class);
    static final String FOLDER_NAME = "folderName";
    /** One name, no path: letters, digits, '.', '_', '-', not starting with '.' (so never "." or ".."). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");

    @Inject
    @ConfigProperty(name = "TOKENMINT_EXPORT_DIR")
    Optional<String> exportDir;

    @Inject
    Config config;

    @Inject
    Caller caller;

    public record Started(long jobId, String folder) {
    }

    public record Status(long jobId, String folder, String status, String exitStatus, Instant createdAt,
            Instant startedAt, Instant endedAt, ExportCounts counts) {

        public boolean done() {
            return switch (status) {
                case "COMPLETED", "FAILED", "STOPPED", "ABANDONED" -> true;
                default -> false;
            };
        }
    }

    @RequiresPermission(Permission.EXPORT_ROCKETCHAT)
    public Started start(String folder) {
        Path target = target(folder);
        Path partial = target.resolveSibling(target.getFileName() + ExportJob.SUFFIX);
        try {
            Files.createDirectory(partial);
            ownerOnly(partial);
        } catch (FileAlreadyExistsException e) {
            throw ApiError.of("error-export-under-way", "An export into this folder is running or was cut off; "
                    + "remove " + folder + ExportJob.SUFFIX + " to start again");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties parameters = new Properties();
        parameters.setProperty(ExportJob.PARTIAL, partial.toString());
        parameters.setProperty(ExportJob.TARGET, target.toString());
        parameters.setProperty(FOLDER_NAME, folder);
        parameters.setProperty(ExportJob.CHUNK_SIZE,
                Integer.toString(Settings.positiveInt(config, "TOKENMINT_EXPORT_CHUNK_SIZE")));
        long jobId;
        try {
            jobId = Imports.operator().start(ExportJob.NAME, parameters);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the job did not start; the empty folder left behind is refused as "under way" and named
            }
            throw e;
        }
        LOG.info(() -> "export into " + folder + " (job " + jobId + ") started by " + caller.userId());
        return new Started(jobId, folder);
    }

    /**
     * The folder an export may be written into: one name (no path, no "..", not ending in ".partial") under the
     * export directory, which does not exist yet or is an empty folder.
     */
    Path target(String folder) {
        String base = exportDir.filter(dir -> !dir.isBlank()).orElseThrow(
                () -> ApiError.of("error-export-not-configured", "The server has no export directory"));
        if (!NAME.matcher(folder).matches() || folder.endsWith(ExportJob.SUFFIX)) {
            throw ApiError.of("error-invalid-folder", "The folder must be a new folder's name: letters, digits, "
                    + "'.', '_' or '-', not starting with '.' nor ending in .partial");
        }
        Path root;
        try {
            root = Files.createDirectories(Path.of(base)).toRealPath();
        } catch (IOException | InvalidPathException e) {
            throw new IllegalStateException("TOKENMINT_EXPORT_DIR is not a usable folder", e);
        }
        Path target = root.resolve(folder);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isEmptyFolder(target)) {
            throw ApiError.of("error-folder-not-empty", "The folder exists and is not an empty folder");
        }
        return target;
    }

    private static boolean isEmptyFolder(Path path) {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The export holds password and token hashes: only the server's own user reads it, where the file system says. */
    static void ownerOnly(Path folder) throws IOException {
        if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @RequiresPermission(Permission.EXPORT_ROCKETCHAT)
    public Status status(long jobId) {
        JobOperator operator = Imports.operator();
        JobExecution execution = Imports.execution(operator, jobId, ExportJob.NAME,
                () -> ApiError.of("error-export-not-found", "No export job has this jobId"));
        Properties parameters = execution.getJobParameters();
        String batchStatus = execution.getBatchStatus().name();
        if (batchStatus.equals("COMPLETED")
                && !Files.isDirectory(Path.of(parameters.getProperty(ExportJob.TARGET)), LinkOption.NOFOLLOW_LINKS)) {
            batchStatus = "STARTED"; // answered COMPLETED before the last step's rename could be seen
        }
        ExportCounts counts = ExportCounts.NONE;
        for (StepExecution step : operator.getStepExecutions(jobId)) {
            counts = counts.plus(ExportCounts.of(step.getPersistentUserData()));
        }
        return new Status(jobId, parameters.getProperty(FOLDER_NAME), batchStatus, execution.getExitStatus(),
                instant(execution.getCreateTime()), instant(execution.getStartTime()),
                instant(execution.getEndTime()), counts);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
