package io.edgecoder.app.ide;

import io.edgecoder.core.config.ConfigKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Added latency of the IDE endpoint over calling the model server directly, on one real node (the
 * real inference role and its Ollama provider, the IDE endpoint, embedded PostgreSQL for the
 * accounts) and a model server faked in the same JVM that streams tokens stamped with the
 * {@link System#nanoTime} at which it wrote them. For each streamed {@code /api/chat} call: time to
 * first token (request sent → first token read) and each token's delay (written by the model server
 * → read by the client), first straight from the model server, then through the endpoint. Then the
 * calls one node holds at once: K streams started together through the endpoint, all answered.
 * Usage: IdeLatencyBench [calls] [tokens per call] [concurrent K,...] [key=value,...] (default 300 20 16,64,256; the
 * last argument sets node settings, e.g. {@code ide.instances=1,inference.stream.loops=0} for the one-loop deployment).
 * {@code settlement=per-call} or {@code settlement=allowance} among them turns settlement on (a ledger role on the node,
 * the admin's calls paid): {@code per-call} escrows every call before its model, {@code allowance} admits calls on
 * standing allowances (the default settlement of a node).
 */
public final class IdeLatencyBench {
    private IdeLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String ks = args.length > 2 ? args[2] : "16,64,256";
        Map<String, String> settings = new java.util.HashMap<>(Map.of(ConfigKeys.IDE_MAX_IN_FLIGHT, "4096",
            "inference.max.concurrent", "1024", ConfigKeys.INFERENCE_HEARTBEAT_MS, "5000", ConfigKeys.LOG_LEVEL, "WARN"));
        for (String kv : args.length > 3 ? args[3].split(",") : new String[0]) {
            settings.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
        }
        String settlement = settings.getOrDefault("settlement", "off");
        settings.remove("settlement");
        if (!settlement.equals("off")) {
            settings.putAll(Map.of(ConfigKeys.ROLES, "inference,portal,ledger", ConfigKeys.INFERENCE_SETTLEMENT, "true",
                "ledger.credit.line.user.milli", "1000000000000",
                ConfigKeys.INFERENCE_ALLOWANCE_MILLI, settlement.equals("allowance") ? "50000" : "0"));
        }
        System.out.println("settlement: " + settlement + "; node settings: " + new java.util.TreeMap<>(settings) + ", cores " + Runtime.getRuntime().availableProcessors());
        Vertx outside = Vertx.vertx();
        List<String> script = Collections.nCopies(tokens, "x");
        FakeModelServer models = new FakeModelServer(script, 2).stamped();
        await(models.start(outside));
        try (IdeNode node = IdeNode.start(models, settings)) {
            HttpClient http = outside.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(512));
            Target direct = new Target(http, models.ollamaUrl(), null);
            Target ide = new Target(http, node.ideUrl(), node.adminToken);
            sequential(direct, Math.max(50, calls / 5));
            sequential(ide, Math.max(50, calls / 5));
            Run d = sequential(direct, calls);
            Run i = sequential(ide, calls);
            System.out.printf("sequential streamed /api/chat, %d calls of %d tokens (2 ms apart)%n", calls, tokens);
            print("direct to the model server", d);
            print("through the IDE endpoint", i);
            System.out.printf("added: time to first token p50 %.3f ms, per token p50 %.3f ms%n",
                percentile(i.ttft, 50) - percentile(d.ttft, 50), percentile(i.token, 50) - percentile(d.token, 50));
            for (String k : ks.split(",")) {
                concurrent("directly", direct, Integer.parseInt(k.trim()));
                concurrent("through the endpoint", ide, Integer.parseInt(k.trim()));
            }
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        await(outside.close());
        System.exit(0);
    }

    private record Target(HttpClient http, String base, String token) {
    }

    private static final class Run {
        final List<Double> ttft = Collections.synchronizedList(new ArrayList<>());
        final List<Double> token = Collections.synchronizedList(new ArrayList<>());
        int failed;
        final java.util.Map<String, Integer> why = new java.util.TreeMap<>();
    }

    private static Run sequential(Target target, int n) throws Exception {
        Run run = new Run();
        for (int c = 0; c < n; c++) {
            await(call(target, run));
        }
        return run;
    }

    private static void concurrent(String how, Target target, int k) throws Exception {
        Run run = new Run();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long start = System.nanoTime();
        List<Future<Void>> all = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            all.add(call(target, run).recover(e -> {
                synchronized (run) {
                    run.failed++;
                    run.why.merge(String.valueOf(e.getMessage()), 1, Integer::sum);
                }
                return Future.succeededFuture();
            }));
        }
        await(Future.join(all));
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        System.out.printf("%4d streams at once %-20s: %d answered, %d failed in %.0f ms; first token p50 %.1f ms"
                + " p99 %.1f ms; token delay p50 %.2f ms p99 %.2f ms; heap %+.1f MiB%n", k, how, k - run.failed, run.failed,
            (System.nanoTime() - start) / 1e6, percentile(run.ttft, 50), percentile(run.ttft, 99),
            percentile(run.token, 50), percentile(run.token, 99), (heapAfter - heapBefore) / 1048576.0);
        if (!run.why.isEmpty()) {
            System.out.println("       failures: " + run.why);
        }
    }

    /** One streamed call; records its time to first token and every token's delay. */
    private static Future<Void> call(Target target, Run run) {
        Promise<Void> done = Promise.promise();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.base() + "/api/chat");
        if (target.token() != null) {
            options.putHeader("Authorization", "Bearer " + target.token());
        }
        Buffer body = Buffer.buffer(IdeNode.chatBody(FakeModelServer.OLLAMA_MODEL, true));
        long sent = System.nanoTime();
        boolean[] first = {true};
        target.http().request(options).compose(req -> req.send(body)).onSuccess(response -> {
            if (response.statusCode() != 200) {
                response.body().onComplete(b -> done.tryFail("status " + response.statusCode() + " "
                    + (b.succeeded() ? b.result().toString() : "")));
                return;
            }
            RecordParser lines = RecordParser.newDelimited("\n", line -> {
                long now = System.nanoTime();
                JsonObject event = line.toJsonObject();
                String content = event.getJsonObject("message", new JsonObject()).getString("content", "");
                int bar = content.indexOf('|');
                if (bar > 0) {
                    if (first[0]) {
                        run.ttft.add((now - sent) / 1e6);
                        first[0] = false;
                    }
                    run.token.add((now - Long.parseLong(content.substring(0, bar))) / 1e6);
                }
            });
            response.handler(lines).endHandler(v -> done.tryComplete()).exceptionHandler(done::tryFail);
        }).onFailure(done::tryFail);
        return done.future();
    }

    private static void print(String what, Run run) {
        System.out.printf("  %-30s first token p50 %.3f p90 %.3f p99 %.3f ms | token delay p50 %.3f p90 %.3f p99 %.3f ms%n", what,
            percentile(run.ttft, 50), percentile(run.ttft, 90), percentile(run.ttft, 99),
            percentile(run.token, 50), percentile(run.token, 90), percentile(run.token, 99));
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(600, TimeUnit.SECONDS);
    }
}
