package io.edgecoder.app.ctl;

import io.edgecoder.core.Role;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.ControlStatusReply;
import io.edgecoder.core.message.ControlStatusRequest;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.PolicyAck;
import io.edgecoder.core.message.NodeListReply;
import io.edgecoder.core.message.NodeListRequest;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code ctl status}: the node the bridge belongs to, the health of each of its roles, the
 * deployment's nodes by status (control role) and the workers a coordinator knows. A part whose
 * role does not answer is shown as unavailable; the command still succeeds when the node answered.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "This node's roles and health, enrolled nodes by status, workers and free slots, policy version and mode.")
final class StatusCommand extends CtlCommand {
    @Override
    int execute(CtlClient client) {
        JsonObject status = node().copy();
        status.put("health", health(client));
        status.put("nodes", optional(() -> nodeCounts(client)));
        status.put("workers", optional(() -> workers(client)));
        status.put("policy", optional(() -> policy(client)));
        if (json()) {
            out().println(status.encodePrettily());
        } else {
            print(status);
        }
        return 0;
    }

    private JsonObject health(CtlClient client) {
        JsonObject health = new JsonObject();
        for (Object role : node().getJsonArray("roles", new JsonArray())) {
            Role r = Role.parse(java.util.List.of((String) role)).iterator().next();
            health.put(r.id(), optional(() -> new JsonObject().put("status",
                as(client.request(NodeAddresses.roleHealth(r), new HealthRequest()), RoleHealth.class).status())));
        }
        return health;
    }

    private static JsonObject nodeCounts(CtlClient client) {
        NodeListReply reply = as(client.request(ControlAddresses.NODE_LIST, new NodeListRequest(null)), NodeListReply.class);
        Map<String, Long> counts = reply.nodes().stream().collect(Collectors.groupingBy(NodeView::status, TreeMap::new,
            Collectors.counting()));
        return new JsonObject(Map.copyOf(counts));
    }

    private static JsonObject workers(CtlClient client) {
        WorkerListReply reply = as(client.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest()), WorkerListReply.class);
        return new JsonObject().put("known", reply.workers().size())
            .put("slots", reply.workers().stream().mapToInt(WorkerHeartbeat::slots).sum())
            .put("freeSlots", reply.workers().stream().mapToInt(WorkerHeartbeat::freeSlots).sum());
    }

    /** The policy version, the deployment's mode, and how many nodes applied the current version (control role). */
    private static JsonObject policy(CtlClient client) {
        ControlStatusReply reply = as(client.request(ControlAddresses.STATUS, new ControlStatusRequest()), ControlStatusReply.class);
        JsonArray behind = new JsonArray(reply.nodes().stream().filter(a -> a.version() < reply.version()).map(PolicyAck::nodeId)
            .toList());
        return new JsonObject().put("version", reply.version()).put("mode", reply.deploymentMode())
            .put("nodes", reply.nodes().size()).put("behind", behind);
    }

    /** The part, or {@code {"unavailable": reason}} when its role did not answer. */
    private static JsonObject optional(java.util.function.Supplier<JsonObject> part) {
        try {
            return part.get();
        } catch (CtlException e) {
            if (e.exitCode() == CtlException.AUTH) {
                throw e;
            }
            return new JsonObject().put("unavailable", e.getMessage());
        }
    }

    private void print(JsonObject s) {
        out().printf("node      %s (org %s)%n", s.getString("node"), s.getString("org"));
        out().printf("operator  %s%n", s.getString("operator"));
        out().printf("roles     %s%n", describe(s.getJsonObject("health"), v -> ((JsonObject) v).getString("status",
            "unavailable")));
        out().printf("nodes     %s%n", describe(s.getJsonObject("nodes"), String::valueOf));
        JsonObject w = s.getJsonObject("workers");
        out().printf("workers   %s%n", w.containsKey("unavailable") ? w.getString("unavailable")
            : w.getInteger("known") + " known, " + w.getInteger("freeSlots") + " of " + w.getInteger("slots") + " slots free");
        JsonObject p = s.getJsonObject("policy");
        out().printf("policy    %s%n", p.containsKey("unavailable") ? p.getString("unavailable")
            : "version " + p.getLong("version") + ", mode " + p.getString("mode") + ", " + p.getInteger("nodes") + " nodes acknowledged"
                + (p.getJsonArray("behind").isEmpty() ? ", all on the current version" : ", behind: " + p.getJsonArray("behind").encode()));
    }

    private static String describe(JsonObject parts, Function<Object, String> value) {
        if (parts.containsKey("unavailable")) {
            return "unavailable: " + parts.getString("unavailable");
        }
        if (parts.isEmpty()) {
            return "(none)";
        }
        return parts.fieldNames().stream().sorted().map(k -> k + " " + value.apply(parts.getValue(k)))
            .collect(Collectors.joining(", "));
    }
}
