package io.edgecoder.control.impl;

import static io.edgecoder.control.impl.AuditChain.utc;
import static io.edgecoder.control.impl.PgPolicyStore.instant;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.RolloutView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The rollouts table: a rollout's definition and where it stands (step, state, why). */
public final class PgRollouts {
    private final Pool pool;

    public PgRollouts(Pool pool) {
        this.pool = pool;
    }

    public static Future<RolloutView> insert(SqlConnection conn, RolloutView r) {
        return conn.preparedQuery("INSERT INTO control_rollouts (name, kind, settings, agent_version, steps, step_index, state,"
                + " max_error_rate, max_latency_ms, step_seconds, min_runs, created_by, created_at, step_started_at, state_reason, version,"
                + " roles) VALUES ($1, $2, $3, $4, $5, 0, 'running', $6, $7, $8, $9, $10, $11, $11, $12, $13, $14)"
                + " ON CONFLICT (name) DO NOTHING"
                + " RETURNING *")
            .execute(Tuple.from(Arrays.asList(r.name(), r.kind(), new JsonObject(new LinkedHashMap<>(r.settings())).encode(),
                r.agentVersion(), r.steps().stream().map(String::valueOf).collect(Collectors.joining(",")), r.maxErrorRate(),
                r.maxLatencyMs(), r.stepSeconds(), r.minRuns(), r.createdBy(), utc(r.createdAt()), r.stateReason(), r.version(),
                String.join(",", r.roles()))))
            .map(rows -> {
                if (rows.size() == 0) {
                    throw new MeshException(ErrorCode.CONFLICT, "a rollout named " + r.name() + " exists; rollouts keep their names");
                }
                return view(rows.iterator().next());
            });
    }

    /** The rollout, locked, if it is in one of {@code from}; 404 unknown, 409 in another state. */
    public static Future<RolloutView> lock(SqlConnection conn, String name, Set<String> from, String action) {
        return conn.preparedQuery("SELECT * FROM control_rollouts WHERE name = $1 FOR UPDATE").execute(Tuple.of(name))
            .map(rows -> {
                if (rows.size() == 0) {
                    throw MeshException.notFound("no rollout named " + name);
                }
                RolloutView r = view(rows.iterator().next());
                if (!from.contains(r.state())) {
                    throw new MeshException(ErrorCode.CONFLICT, "rollout " + name + " is " + r.state() + "; only a rollout that is "
                        + String.join(" or ", from.stream().sorted().toList()) + " can be " + action);
                }
                return r;
            });
    }

    /** Moves a rollout to {@code state} at {@code stepIndex}, recording why and the version. */
    public static Future<RolloutView> update(SqlConnection conn, long id, String state, int stepIndex, Instant stepStartedAt,
                                             String reason, long version) {
        return conn.preparedQuery("UPDATE control_rollouts SET state = $2, step_index = $3, step_started_at = $4, state_reason = $5,"
                + " version = $6 WHERE id = $1 RETURNING *")
            .execute(Tuple.of(id, state, stepIndex, utc(stepStartedAt), reason, version))
            .map(rows -> view(rows.iterator().next()));
    }

    /** One rollout by name, or all (newest first, at most {@code limit}). */
    public Future<List<RolloutView>> list(String name, int limit) {
        String sql = name == null ? "SELECT * FROM control_rollouts ORDER BY id DESC LIMIT $1"
            : "SELECT * FROM control_rollouts WHERE name = $2 LIMIT $1";
        return pool.preparedQuery(sql).execute(name == null ? Tuple.of(limit) : Tuple.of(limit, name)).map(rows -> {
            List<RolloutView> out = new ArrayList<>();
            rows.forEach(r -> out.add(view(r)));
            return out;
        });
    }

    /** Running rollouts (for the step timer and the health gate). */
    public Future<List<RolloutView>> running() {
        return pool.query("SELECT * FROM control_rollouts WHERE state = 'running' ORDER BY id").execute().map(rows -> {
            List<RolloutView> out = new ArrayList<>();
            rows.forEach(r -> out.add(view(r)));
            return out;
        });
    }

    public static RolloutView view(Row r) {
        List<Integer> steps = Arrays.stream(r.getString("steps").split(",")).map(Integer::valueOf).toList();
        String state = r.getString("state");
        int index = r.getInteger("step_index");
        Map<String, String> settings = new LinkedHashMap<>();
        new JsonObject(r.getString("settings")).forEach(e -> settings.put(e.getKey(), String.valueOf(e.getValue())));
        return new RolloutView(r.getLong("id"), r.getString("name"), r.getString("kind"), settings, r.getString("agent_version"),
            steps, index, "rolled-back".equals(state) ? 0 : steps.get(index), state, r.getDouble("max_error_rate"),
            r.getLong("max_latency_ms"), r.getInteger("step_seconds"), r.getInteger("min_runs"), r.getString("created_by"),
            instant(r, "created_at"), instant(r, "step_started_at"), r.getString("state_reason"), r.getLong("version"), 0, 0,
            r.getString("roles").isEmpty() ? List.of() : List.of(r.getString("roles").split(",")));
    }
}
