package org.tokenmint.moving.control;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.tokenmint.tokens.control.TokenSettings;

/**
 * The export's first step: {@code rocketchat_roles.json}, {@code rocketchat_permissions.json} and
 * {@code rocketchat_settings.json} (only {@code Accounts_LoginExpiration}), each written whole (the two tables are
 * small), so the step can simply run again.
 */
@Dependent
@Named("rocketChatExportAccess")
public class ExportAccessStep extends AbstractBatchlet {

    static final String LOGIN_EXPIRATION = "Accounts_LoginExpiration";

    @Inject
    JobContext context;

    @Inject
    StepContext step;

    @Inject
    ExportStore store;

    @Inject
    TokenSettings settings;

    @Override
    public String process() throws IOException {
        ExportJob job = ExportJob.of(context);
        List<ExportStore.RoleRow> roles = store.roles();
        try (Writer out = Files.newBufferedWriter(job.file(ExportFolder.ROLES), StandardCharsets.UTF_8)) {
            for (ExportStore.RoleRow role : roles) {
                out.write(MongoDocuments.role(role.id(), role.name(), role.scope(), role.description(),
                        role.isProtected(), role.updatedAt()));
                out.write('\n');
            }
        }
        List<ExportStore.PermissionRow> permissions = store.permissions();
        try (Writer out = Files.newBufferedWriter(job.file(ExportFolder.PERMISSIONS), StandardCharsets.UTF_8)) {
            for (ExportStore.PermissionRow permission : permissions) {
                out.write(MongoDocuments.permission(permission.id(), permission.roles(), permission.updatedAt()));
                out.write('\n');
            }
        }
        try (Writer out = Files.newBufferedWriter(job.file(ExportFolder.SETTINGS), StandardCharsets.UTF_8)) {
            out.write(MongoDocuments.intSetting(LOGIN_EXPIRATION, settings.expiration().toDays()));
            out.write('\n');
        }
        step.setPersistentUserData(new ExportCounts(0, 0, 0, roles.size(), permissions.size()).persistent());
        return BatchStatus.COMPLETED.name();
    }
}
