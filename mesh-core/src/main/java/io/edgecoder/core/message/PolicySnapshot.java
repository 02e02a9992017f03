package io.edgecoder.core.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole policy at one version: what every node applies. A snapshot replaces the one before,
 * so a node that missed versions is whole again with the next one it sees or pulls.
 *
 * @param deploymentMode local-only | swarm | public
 * @param orgModes organisations with a mode of their own
 * @param blacklist the entries active when it was committed (each node also honours their expiry)
 * @param rollouts rollouts that are running, paused or completed (rolled-back ones are left out)
 */
public record PolicySnapshot(long version, Instant committedAt, String deploymentMode, Map<String, String> orgModes,
                             List<BlacklistView> blacklist, List<RolloutView> rollouts) {
    public PolicySnapshot {
        orgModes = orgModes == null ? Map.of() : Map.copyOf(orgModes);
        blacklist = blacklist == null ? List.of() : List.copyOf(blacklist);
        rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
    }
}
