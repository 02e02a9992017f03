package io.edgecoder.ledger.bench;

import static io.edgecoder.ledger.LedgerTesting.await;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.Actor;
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
 * time is not included: it is what settlement adds, not what a call costs. Arguments: calls (2000), concurrent (16).
 * Run: see docs/benchmarks.md, "Inference settlement".
 */
public final class InferenceSettlementBench {
    private InferenceSettlementBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrent = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Vertx vertx = Vertx.vertx();
        String url = LedgerTesting.migratedDatabase(vertx);
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of("ledger.credit.line.user.milli", "1000000000000"));
        await(vertx.deployVerticle(new LedgerVerticle(LedgerConfig.from(settings, url, NodeIdentity.ephemeral()))));
        BusClient bus = new BusClient(vertx, Duration.ofSeconds(30));
        run(bus, "warm-up", Math.min(500, calls), 1);
        run(bus, "one caller at a time", calls, 1);
        run(bus, concurrent + " callers at once", calls, concurrent);
        await(vertx.close());
    }

    private static void run(BusClient bus, String label, int calls, int concurrent) {
        long[] micros = new long[calls];
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
    }

    /** Calls {@code from .. from+count} one after another. */
    private static Future<Void> lane(BusClient bus, long[] micros, int from, int count) {
        Future<Void> chain = Future.succeededFuture();
        for (int i = from; i < from + count; i++) {
            int n = i;
            chain = chain.compose(v -> oneCall(bus).map(us -> {
                micros[n] = us;
                return null;
            }));
        }
        return chain;
    }

    private static Future<Long> oneCall(BusClient bus) {
        String id = "bench-" + UUID.randomUUID();
        long t0 = System.nanoTime();
        return bus.request(LedgerAddresses.INFERENCE_AUTHORIZE, new InferenceAuthorizeRequest(id, "coder", 4_700_000_000L, 2000, 2,
                256, Actor.user("bench"), null), InferenceAuthorizeReply.class)
            .compose(escrow -> bus.request(LedgerAddresses.INFERENCE_SETTLE, new InferenceUsageRequest(id, true, "n-bench", "coder",
                "llama", 500, 120, 900, 480, null), InferenceUsageReply.class))
            .map(paid -> (System.nanoTime() - t0) / 1000);
    }
}
