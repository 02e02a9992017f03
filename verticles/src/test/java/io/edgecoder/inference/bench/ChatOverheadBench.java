package io.edgecoder.inference.bench;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.message.ChatChunk;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.inference.CallControl;
import io.edgecoder.inference.ProviderConfig;
import io.edgecoder.inference.ScriptedModelServer;
import io.edgecoder.inference.app.InferenceConfig;
import io.edgecoder.inference.app.InferenceVerticle;
import io.edgecoder.inference.impl.OpenAiProvider;
import io.edgecoder.inference.impl.ProviderHttp;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What the bus path adds to a streamed chat over calling the provider directly. An in-process
 * OpenAI-compatible server writes its own {@code System.nanoTime()} as each piece (one every
 * millisecond); a piece's latency is its arrival time minus that stamp. Three paths, one request
 * after another: the provider client alone ({@link OpenAiProvider} with a sink: direct), a caller
 * on the serving node (CHAT → router → provider → ChatChunks on the same node: bus, local), and a
 * caller on a second clustered node (mutual TLS, signed messages: CHAT routed to the serving node,
 * chunks sent back over the cluster: bus, remote). First-token time is from the request to the
 * first piece. Usage: ChatOverheadBench [requests] [pieces per request] (defaults 300, 20; 50
 * warm-up requests per path).
 */
public final class ChatOverheadBench {
    private static final String MODEL = ScriptedModelServer.MODEL;

    private ChatOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int pieces = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String cluster = TestClusters.newName();
        Vertx serving = get(TestClusters.member(cluster, EnumSet.of(Role.INFERENCE), "acme"));
        Vertx calling = get(TestClusters.member(cluster, EnumSet.of(Role.INFERENCE, Role.PORTAL), "acme"));
        ScriptedModelServer server = get(ScriptedModelServer.start(serving)).stamped(true).tokenDelayMs(1)
            .tokens(Collections.nCopies(pieces, "x"));
        ProviderConfig provider = new ProviderConfig("llama", ProviderConfig.Kind.OPENAI, URI.create(server.openAiUrl()), false, null, 64);
        get(serving.deployVerticle(new InferenceVerticle(config(List.of(provider)))));
        get(calling.deployVerticle(new InferenceVerticle(config(List.of()))));
        waitForModel(calling);
        Context context = serving.getOrCreateContext();
        OpenAiProvider direct = new OpenAiProvider(provider, new ProviderHttp(serving,
            serving.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(4)), Duration.ofSeconds(5), Duration.ofSeconds(30)));
        report("direct (provider client)", requests, pieces, () -> direct(context, direct));
        report("bus, caller on the serving node", requests, pieces, () -> viaBus(serving));
        report("bus, caller on another node", requests, pieces, () -> viaBus(calling));
        TestClusters.closeAll(List.of(calling, serving));
        System.exit(0);
    }

    private static InferenceConfig config(List<ProviderConfig> providers) {
        return new InferenceConfig("unused", "unused", Duration.ofSeconds(10), providers, Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    /** One request's clock: when it was sent, and each piece's arrival and server stamp. */
    private static final class Sample {
        final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        final List<Long> stamps = Collections.synchronizedList(new ArrayList<>());
        long started;

        /** A chunk may carry several pieces (sent together while the previous chunk was in flight). */
        void chunk(String delta) {
            long now = System.nanoTime();
            for (String stamp : delta.split(";")) {
                if (!stamp.isEmpty()) {
                    arrivals.add(now);
                    stamps.add(Long.parseLong(stamp));
                }
            }
        }
    }

    private interface Path {
        Future<Sample> run() throws Exception;
    }

    private static void report(String name, int requests, int pieces, Path path) throws Exception {
        for (int i = 0; i < 50; i++) {
            get(path.run());
        }
        List<Long> first = new ArrayList<>();
        List<Long> each = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            Sample s = get(path.run());
            if (s.arrivals.size() != pieces) {
                throw new IllegalStateException(name + ": " + s.arrivals.size() + " pieces, expected " + pieces);
            }
            first.add(s.arrivals.get(0) - s.started);
            for (int k = 0; k < pieces; k++) {
                each.add(s.arrivals.get(k) - s.stamps.get(k));
            }
        }
        System.out.printf("%-34s first piece p50 %s p90 %s p99 %s | each piece p50 %s p90 %s p99 %s%n", name,
            ms(first, 50), ms(first, 90), ms(first, 99), ms(each, 50), ms(each, 90), ms(each, 99));
    }

    private static Future<Sample> direct(Context context, OpenAiProvider provider) {
        Sample sample = new Sample();
        Promise<Sample> done = Promise.promise();
        context.runOnContext(v -> {
            sample.started = System.nanoTime();
            provider.chat(request(null), sample::chunk, new CallControl()).onComplete(ar -> done.complete(sample));
        });
        return done.future();
    }

    /** The reader registers first (as a caller would, before it asks); the clock starts with the request. */
    private static Future<Sample> viaBus(Vertx node) throws Exception {
        BusClient bus = new BusClient(node, Duration.ofSeconds(30));
        String address = "bench.chunks." + UUID.randomUUID();
        Sample sample = new Sample();
        Promise<Void> last = Promise.promise();
        MessageConsumer<JsonObject> reader = get(bus.consumer(address, ChatChunk.class, chunk -> {
            sample.chunk(chunk.delta());
            if (chunk.done()) {
                last.tryComplete();
            }
            return Future.succeededFuture();
        }));
        sample.started = System.nanoTime();
        return bus.request(InferenceAddresses.CHAT, request(address), ChatReply.class)
            .compose(reply -> last.future())
            .eventually(() -> reader.unregister())
            .map(v -> sample);
    }

    private static ChatRequest request(String streamTo) {
        return new ChatRequest(UUID.randomUUID().toString(), MODEL, List.of(ChatMessage.user("go")), null, null, null, "acme",
            false, null, null, streamTo);
    }

    private static void waitForModel(Vertx node) throws Exception {
        BusClient bus = new BusClient(node, Duration.ofSeconds(5));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            ModelListReply models = get(bus.request(InferenceAddresses.MODELS, new ModelListRequest(null, null, false, false),
                ModelListReply.class));
            if (!models.models().isEmpty()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("the model never reached the calling node's table");
    }

    private static String ms(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        long v = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
        return String.format("%.3f ms", v / 1e6);
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
