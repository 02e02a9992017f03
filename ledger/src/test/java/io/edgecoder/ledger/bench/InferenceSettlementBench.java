package io.edgecoder.ledger.bench;

import static io.edgecoder.ledger.LedgerTesting.await;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.InferenceAllowanceReply;
import io.edgecoder.core.message.InferenceAllowanceRequest;
import io.edgecoder.core.message.InferenceAuthorizeReply;
import io.edgecoder.core.message.InferenceAuthorizeRequest;
import io.edgecoder.core.message.InferenceUsageReply;
import io.edgecoder.core.message.InferenceUsageRequest;
import io.edgecoder.ledger.LedgerTesting;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What settlement adds to one model call: the two ledger requests the call path waits for, the escrow before the
 * model (authorize) and the serving node's usage report before its reply (settle), through the event bus to a real
 * ledger role on the embedded PostgreSQL. Prints p50, p99 and max of their sum per call, for callers one at a time
 * and for {@code concurrent} callers at once (the group commit shares transactions between them). The model's own
 * time is not included: it is what settlement adds, not what a call costs. Also printed: the escrow alone, the part a
 * call escrowed on its own waits for before its model starts. With {@code allowance} as third argument every call is
 * drawn from one standing allowance instead (the routing node does not wait for that draw: its model starts at
 * once; this measures what the ledger still does per call, off the first token's path). Arguments: calls (2000),
 * concurrent (16), per-call|allowance. Run: see docs/benchmarks.md, "Inference settlement".
 */
public final class InferenceSettlementBench {
    private InferenceSettlementBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        boolean allowance = args.length > 2 && args[2].equals("allowance");
        Vertx vertx = Vertx.vertx();
        String url = LedgerTesting.migratedDatabase(vertx);
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of("ledger.credit.line.user.milli", "1000000000000",
            "ledger.inference.allowance.max.milli", "100000000000"));
        await(vertx.deployVerticle(new LedgerVerticle(LedgerConfig.from(settings, url, NodeIdentity.ephemeral()))));
        BusClient bus = new BusClient(vertx, Duration.ofSeconds(30));
        if (allowance) {
            allowanceId = "bench-" + UUID.randomUUID();
            await(bus.request(LedgerAddresses.INFERENCE_ALLOWANCE_GRANT, new InferenceAllowanceRequest(allowanceId, Actor.user("bench"),
                100_000_000_000L, 1), InferenceAllowanceReply.class));
            System.out.println("every call drawn from standing allowance " + allowanceId);
        }
        run(bus, "warm-up", Math.min(500, calls), 1);
        run(bus, "one caller at a time", calls, 1);
        run(bus, concurrent + " callers at once", calls, concurrent);
        await(vertx.close());
    }

    private static String allowanceId;

    private static void run(BusClient bus, String label, int calls, int concurrent) {
        long[] micros = new long[calls];
        escrowMicros = new long[calls];
        List<Future<Void>> lanes = new ArrayList<>();
        int perLane = calls / concurrent;
        for (int lane = 0; lane < concurrent; lane++) {
            lanes.add(lane(bus, micros, lane * perLane, perLane));
        }
        long started = System.nanoTime();
        await(Future.all(lanes));
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] done = Arrays.copyOf(micros, perLane * concurrent);
        Arrays.sort(done);
        System.out.printf("%-22s %6d calls: added per call p50 %.2f ms, p99 %.2f ms, max %.2f ms; %.0f calls/s%n", label,
            done.length, done[done.length / 2] / 1000.0, done[(int) (done.length * 0.99)] / 1000.0, done[done.length - 1] / 1000.0,
            done.length / seconds);
        long[] escrow = Arrays.copyOf(escrowMicros, perLane * concurrent);
        Arrays.sort(escrow);
        System.out.printf("%-22s %6s        of which the escrow (%s): p50 %.2f ms, p99 %.2f ms%n", "", "",
            allowanceId == null ? "before the model" : "a draw, not waited for", escrow[escrow.length / 2] / 1000.0,
            escrow[(int) (escrow.length * 0.99)] / 1000.0);
    }

    private static long[] escrowMicros;

    /** Calls {@code from .. from+count} one after another. */
    private static Future<Void> lane(BusClient bus, long[] micros, int from, int count) {
        Future<Void> chain = Future.succeededFuture();
        for (int i = from; i < from + count; i++) {
            int n = i;
            chain = chain.compose(v -> oneCall(bus, n).map(us -> {
                micros[n] = us;
                return null;
            }));
        }
        return chain;
    }

    private static Future<Long> oneCall(BusClient bus, int n) {
        String id = "bench-" + UUID.randomUUID();
        long t0 = System.nanoTime();
        return bus.request(LedgerAddresses.INFERENCE_AUTHORIZE, new InferenceAuthorizeRequest(id, "coder", 4_700_000_000L, 2000, 2,
                256, Actor.user("bench"), null, null, allowanceId), InferenceAuthorizeReply.class)
            .onSuccess(escrow -> escrowMicros[n] = (System.nanoTime() - t0) / 1000)
            .compose(escrow -> bus.request(LedgerAddresses.INFERENCE_SETTLE, new InferenceUsageRequest(id, true, "n-bench", "coder",
                "llama", 500, 120, 900, 480, null), InferenceUsageReply.class))
            .map(paid -> (System.nanoTime() - t0) / 1000);
    }
}
