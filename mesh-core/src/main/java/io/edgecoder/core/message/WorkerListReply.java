package io.edgecoder.core.message;

import java.util.List;

/** The workers a coordinator currently knows, with their last heartbeat. */
public record WorkerListReply(List<WorkerHeartbeat> workers) {
}
