package io.edgecoder.app.rogue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import io.edgecoder.core.Json;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.AnchorProveRequest;
import io.edgecoder.core.message.AnchorSubmitRequest;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.IntentSettleRequest;
import io.edgecoder.core.message.JobHoldRequest;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.LoadReport;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A rogue process: it knows the cluster name and reaches the Hazelcast port, but holds no
 * certificate of the deployment. It joins Hazelcast and tries the attacks listed in the trust
 * issue, printing one JSON line per attempt ({@code {"attack":..,"outcome":"refused"|"SUCCEEDED",..}}),
 * then what its own consumers received. Driven by lines on stdin: {@code attack}, {@code poison},
 * {@code report} (which also exits).
 */
public final class RogueMain {
    private static final DeliveryOptions SHORT = new DeliveryOptions().setSendTimeout(4000);
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    private RogueMain() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String clusterName = args[2];
        var config = TestClusters.hazelcast(clusterName);
        config.getNetworkConfig().getJoin().getTcpIpConfig().clear().addMember(host + ":" + port);
        HazelcastClusterManager manager = new HazelcastClusterManager(config);
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost("127.0.0.1").setPort(0);
        Vertx vertx = await(Vertx.builder().with(options).withClusterManager(manager).buildClustered());
        System.out.println(new JsonObject().put("joined", manager.getNodes().size()).encode());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "attack" -> attack(vertx, manager.getHazelcastInstance());
                case "poison" -> poison(manager.getHazelcastInstance());
                case "report" -> {
                    System.out.println(new JsonObject().put("received", RECEIVED.size()).put("samples",
                        RECEIVED.stream().limit(3).toList()).encode());
                    System.out.flush();
                    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                    System.exit(0);
                }
                default -> System.out.println(new JsonObject().put("error", "unknown command " + line).encode());
            }
            System.out.flush();
        }
    }

    private static void attack(Vertx vertx, HazelcastInstance hazelcast) throws Exception {
        listen(vertx, InferenceAddresses.PLAN_CREATE);
        for (String address : knownAddresses(hazelcast)) {
            if (address.startsWith(WorkerAddresses.RUN_PREFIX)) {
                listenAsWorker(vertx, address);
            }
        }
        String rogueAccount = "worker:nrogue00000000000";
        request(vertx, "settle an invented job, paying itself", LedgerAddresses.JOB_SETTLE, new SettleJobRequest("invented-job",
            "user:admin", true, List.of(new Contribution("invented-job#1", "nrogue00000000000", 900_000_000L))));
        request(vertx, "hold another user's credits", EconomyAddresses.JOB_HOLD, new JobHoldRequest("invented-job-2", "user:admin", 1_000_000));
        request(vertx, "mint through a payment intent", EconomyAddresses.INTENT_SETTLE, new IntentSettleRequest("invented-intent", "paid"));
        request(vertx, "submit a job charged to the admin", CoordinatorAddresses.JOB_SUBMIT, new JobSubmitRequest("rogue job", "python",
            Map.of("test_x.py", "import os\nos.system('id')\n"), List.of("test_x.py"), "mesh", 30, "admin", false));
        request(vertx, "record a fake anchor", EconomyAddresses.ANCHOR_SUBMIT, new AnchorSubmitRequest(1, "opentimestamps"));
        request(vertx, "prove a fake anchor", EconomyAddresses.ANCHOR_PROVE, new AnchorProveRequest(1, "opentimestamps", "ZmFrZQ=="));
        for (int i = 0; i < 50; i++) {
            vertx.eventBus().send(EconomyAddresses.LOAD_REPORT, Json.toJson(new LoadReport(1_000_000, 0)));
        }
        print("push the price to its cap (sent 50 load reports)", "sent", "no reply expected; the test checks the price");
        vertx.eventBus().publish(CoordinatorAddresses.WORKER_HEARTBEAT, Json.toJson(new WorkerHeartbeat("nrogue00000000000", "local",
            List.of("python"), 64, 64, 0, "strong", 1000)));
        print("announce a fake worker", "sent", "published; the test checks the worker list");
        print("rogue account", "info", rogueAccount);
    }

    private static void poison(HazelcastInstance hazelcast) {
        MultiMap<Object, Object> subs = hazelcast.getMultiMap("__vertx.subs");
        int removed = subs.remove(InferenceAddresses.PLAN_CREATE).size();
        print("delete the planner from the subscription map", removed > 0 ? "done" : "nothing-to-delete", "removed " + removed);
    }

    private static List<String> knownAddresses(HazelcastInstance hazelcast) {
        List<String> addresses = new ArrayList<>();
        hazelcast.getMultiMap("__vertx.subs").keySet().forEach(k -> addresses.add(String.valueOf(k)));
        return addresses;
    }

    private static void listen(Vertx vertx, String address) throws Exception {
        await(vertx.eventBus().consumer(address, m -> RECEIVED.add(address + " " + String.valueOf(m.body()))).completion());
        print("consume " + address, "registered", "waiting for messages");
    }

    private static void listenAsWorker(Vertx vertx, String address) throws Exception {
        await(vertx.eventBus().<JsonObject>consumer(address, m -> {
            RECEIVED.add(address + " " + m.body());
            m.reply(Json.toJson(new RunSubtaskReply("nrogue00000000000", "passed", 0, 5, 900_000_000L, null, "", "", false, "strong", null)));
        }).completion());
        print("answer 'passed' on " + address, "registered", "waiting for work");
    }

    private static void request(Vertx vertx, String attack, String address, Object body) {
        try {
            Object reply = vertx.eventBus().request(address, Json.toJson(body), SHORT).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS).body();
            print(attack, "SUCCEEDED", String.valueOf(reply));
        } catch (Exception e) {
            print(attack, "refused", String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
    }

    private static void print(String attack, String outcome, String detail) {
        System.out.println(new JsonObject().put("attack", attack).put("outcome", outcome).put("detail", detail).encode());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
