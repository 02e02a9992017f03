package io.edgecoder.control.impl;

import static io.edgecoder.control.impl.AuditChain.utc;
import static io.edgecoder.control.impl.PgPolicyStore.instant;

import io.edgecoder.core.message.NodeHealth;
import io.edgecoder.core.message.PolicyAck;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Each node's last acknowledgement of a policy version, for {@code control status} and rollout counts. */
public final class PgNodeAcks {
    private final Pool pool;

    public PgNodeAcks(Pool pool) {
        this.pool = pool;
    }

    /** Records {@code ack} unless a newer one of the node is already recorded. */
    public Future<Void> record(PolicyAck ack, Instant seen) {
        NodeHealth h = ack.health() == null ? new NodeHealth(0, 0, 0) : ack.health();
        return pool.preparedQuery("INSERT INTO control_node_policy (node_id, org, roles, version, committed_at, applied_at, agent_version,"
                + " rollouts, runs, errors, mean_latency_ms, seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                + " ON CONFLICT (node_id) DO UPDATE SET org = $2, roles = $3, version = $4, committed_at = $5, applied_at = $6,"
                + " agent_version = $7, rollouts = $8, runs = $9, errors = $10, mean_latency_ms = $11, seen_at = $12"
                + " WHERE control_node_policy.version <= $4")
            .execute(Tuple.from(Arrays.asList(ack.nodeId(), ack.org(), String.join(",", ack.roles()), ack.version(),
                ack.committedAt() == null ? null : utc(ack.committedAt()), utc(ack.appliedAt()), ack.agentVersion(),
                String.join(",", ack.rollouts()), h.runs(), h.errors(), h.meanLatencyMs(), utc(seen))))
            .mapEmpty();
    }

    /** Every node's last acknowledgement, by node id. */
    public Future<List<PolicyAck>> all(int limit) {
        return pool.preparedQuery("SELECT * FROM control_node_policy ORDER BY node_id LIMIT $1").execute(Tuple.of(limit)).map(rows -> {
            List<PolicyAck> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new PolicyAck(r.getString("node_id"), r.getString("org"), split(r.getString("roles")), r.getLong("version"),
                    instant(r, "committed_at"), instant(r, "applied_at"), r.getString("agent_version"), split(r.getString("rollouts")),
                    new NodeHealth(r.getLong("runs"), r.getLong("errors"), r.getLong("mean_latency_ms"))));
            }
            return out;
        });
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }
}
