package org.tokenmint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import org.tokenmint.it.Api.Session;

/** Following the import and export jobs through their status routes, until the batch runtime is done with them. */
final class Jobs {

    private Jobs() {
    }

    /** The status route's answer once {@code job.done} is true. */
    static JsonObject finished(Api api, Session admin, String statusPath) throws InterruptedException {
        JsonObject[] last = new JsonObject[1];
        Waits.eventually("the job of " + statusPath + " is done", () -> {
            Api.Reply reply = api.get(statusPath, admin);
            assertEquals(200, reply.status(), reply.body());
            last[0] = reply.json();
            return last[0].getJsonObject("job").getBoolean("done");
        });
        return last[0];
    }

    static JsonObject importFinished(Api api, Session admin, long jobId) throws InterruptedException {
        return finished(api, admin, "api/v1/tokenmint.import.status?count=0&jobId=" + jobId);
    }

    static JsonObject exportFinished(Api api, Session admin, long jobId) throws InterruptedException {
        return finished(api, admin, "api/v1/tokenmint.export.status?jobId=" + jobId);
    }

    /** Exports into a new folder and answers the completed job's status. */
    static JsonObject export(Api api, Session admin, String folder) throws InterruptedException {
        Api.Reply reply = api.post("api/v1/tokenmint.export", admin, "{\"folder\":\"" + folder + "\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(folder, reply.json().getString("folder"));
        JsonObject status = exportFinished(api, admin, reply.json().getJsonNumber("jobId").longValue());
        assertEquals("COMPLETED", status.getJsonObject("job").getString("status"), status.toString());
        return status;
    }
}
