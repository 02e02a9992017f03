package io.edgecoder.app.ctl;

import io.edgecoder.core.Role;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.HealthRequest;
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
    description = "This node's roles and health, enrolled nodes by status, workers and free slots.")
final class StatusCommand extends CtlCommand {
    @Override
    int execute(CtlClient client) {
        JsonObject status = node().copy();
        status.put("health", health(client));
        status.put("nodes", optional(() -> nodeCounts(client)));
        status.put("workers", optional(() -> workers(client)));
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
