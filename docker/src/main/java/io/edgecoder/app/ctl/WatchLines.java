package io.edgecoder.app.ctl;

import io.edgecoder.core.Json;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.message.PolicySnapshot;
import io.edgecoder.core.message.RevocationEvent;
import io.vertx.core.json.JsonObject;

/** One readable line per event of {@code ctl watch}; an event it does not know is shown as its JSON. */
final class WatchLines {
    private WatchLines() {
    }

    static String line(String address, JsonObject body) {
        JsonObject event = body == null ? new JsonObject() : body;
        try {
            return switch (address) {
                case CoordinatorAddresses.JOB_EVENTS -> job(Json.fromJson(event, JobEvent.class));
                case ControlAddresses.REVOCATION_EVENTS -> revocation(Json.fromJson(event, RevocationEvent.class));
                case ControlAddresses.POLICY_EVENTS -> policy(Json.fromJson(event, PolicySnapshot.class));
                default -> address + " " + event.encode();
            };
        } catch (RuntimeException malformed) {
            return address + " " + event.encode();
        }
    }

    private static String job(JobEvent e) {
        return "job " + e.jobId() + (e.subtaskId() == null ? "" : " subtask " + e.subtaskId()) + " " + e.status()
            + (e.worker() == null ? "" : " on " + e.worker());
    }

    private static String revocation(RevocationEvent e) {
        return "node " + e.nodeId() + (e.revoked() ? " revoked" : " reinstated");
    }

    private static String policy(PolicySnapshot p) {
        return "policy version " + p.version() + ": mode " + p.deploymentMode() + ", " + p.orgModes().size() + " org modes, "
            + p.blacklist().size() + " blacklisted, " + p.rollouts().size() + " rollouts";
    }
}
