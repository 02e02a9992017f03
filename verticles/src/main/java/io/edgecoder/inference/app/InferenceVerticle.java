package io.edgecoder.inference.app;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.HealthStatus;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.message.ChatCancel;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.InferenceHeartbeat;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.message.PlanRequest;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.Caller;
import io.edgecoder.inference.ModelProvider;
import io.edgecoder.inference.ProviderConfig;
import io.edgecoder.inference.impl.CallBilling;
import io.edgecoder.inference.impl.CallLoops;
import io.edgecoder.inference.impl.ChatChecks;
import io.edgecoder.inference.impl.ChatRouter;
import io.edgecoder.inference.impl.DeterministicPlanner;
import io.edgecoder.inference.impl.LocalChat;
import io.edgecoder.inference.impl.LocalModels;
import io.edgecoder.inference.impl.ModelPlanner;
import io.edgecoder.inference.impl.ModelTable;
import io.edgecoder.inference.impl.OllamaProvider;
import io.edgecoder.inference.impl.OpenAiProvider;
import io.edgecoder.inference.impl.ProviderHttp;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the inference role: model providers ({@link LocalModels}, {@link LocalChat}), the model
 * table fed by inference heartbeats, chat routing ({@link ChatRouter}) and planning ({@link ModelPlanner}, which
 * falls back to the {@link DeterministicPlanner}).
 */
public final class InferenceVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceVerticle.class);

    private final InferenceConfig config;
    private String nodeId;
    private String org;
    private BusClient bus;
    private LocalModels models;
    private LocalChat local;
    private ModelTable table;
    private HttpClient http;

    /** A role without model providers (plans from the deterministic planner). */
    public InferenceVerticle(Duration busTimeout) {
        this(InferenceConfig.withoutProviders(busTimeout));
    }

    public InferenceVerticle(InferenceConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        Caller self = BusAuth.of(vertx).map(BusAuth::self).orElse(null);
        nodeId = self == null ? config.nodeId() : self.nodeId();
        org = self == null ? config.org() : self.org();
        bus = new BusClient(vertx, config.busTimeout());
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions()
            .setHttp1MaxSize(config.providerConnections()));
        ProviderHttp providerHttp = new ProviderHttp(vertx, http, config.connectTimeout(), config.idleTimeout());
        models = new LocalModels(config.providers().stream().map(p -> provider(p, providerHttp)).toList(), nodeId, org);
        // A role without providers serves no call: no loops of its own.
        return CallLoops.deploy(vertx, context, config.providers().isEmpty() ? 0 : config.streamLoops()).compose(this::serveOn);
    }

    /** Wires the role with provider calls on {@code loops}; completes when its consumers are registered and its models known. */
    private Future<?> serveOn(CallLoops loops) {
        CallBilling billing = config.settlement() ? new CallBilling(vertx, bus, nodeId, config.allowanceMilli()) : CallBilling.OFF;
        local = new LocalChat(vertx, bus, models, nodeId, org, config.requestTimeout(), billing, loops);
        table = new ModelTable();
        ChatRouter router = new ChatRouter(bus, table, local, nodeId, org, config.requestTimeout(), billing, config.modelClasses(),
            config.defaultMaxTokens());
        ModelPlanner planner = new ModelPlanner(vertx, bus, router, config.planTimeout(), org);
        return Future.all(List.of(
                bus.consumer(InferenceAddresses.PLAN_CREATE, PlanRequest.class, planner::plan),
                bus.consumer(InferenceAddresses.plan(org, true), PlanRequest.class, planner::plan),
                bus.consumer(InferenceAddresses.CHAT, ChatRequest.class, r -> router.chat(r, false)),
                bus.consumer(InferenceAddresses.chat(org, true), ChatRequest.class, r -> router.chat(r, true)),
                bus.consumer(InferenceAddresses.serve(nodeId), ChatRequest.class, this::serve),
                bus.consumer(InferenceAddresses.MODELS, ModelListRequest.class, r -> Future.succeededFuture(router.models(r))),
                bus.consumer(InferenceAddresses.CHAT_CANCEL, ChatCancel.class, this::cancel),
                bus.consumer(InferenceAddresses.HEARTBEAT, InferenceHeartbeat.class, this::heard),
                bus.localConsumer(NodeAddresses.roleHealth(Role.INFERENCE), HealthRequest.class, r -> Future.succeededFuture(health()))))
            .compose(v -> models.refresh())
            .onSuccess(v -> {
                beat();
                vertx.setPeriodic(config.heartbeat().toMillis(), t -> beat());
                vertx.setPeriodic(config.refresh().toMillis(), t -> models.refresh());
                LOG.info("inference ready on node {} (org {}): providers {}, planner {}, settlement {}, provider calls on {}", nodeId,
                    org, config.providers().stream().map(ProviderConfig::toString).toList(), DeterministicPlanner.NAME,
                    config.settlement() ? "through the ledger" : "off (model calls are free)",
                    loops.size() == 0 ? "the role's event loop" : loops.size() + " event loops");
            });
    }

    private static ModelProvider provider(ProviderConfig p, ProviderHttp http) {
        return p.kind() == ProviderConfig.Kind.OLLAMA ? new OllamaProvider(p, http) : new OpenAiProvider(p, http);
    }

    private Future<?> serve(ChatRequest request) {
        ChatChecks.check(request);
        return local.serve(request);
    }

    private Future<?> cancel(ChatCancel cancel) {
        if (cancel != null && cancel.requestId() != null) {
            local.cancel(cancel.requestId());
        }
        return Future.succeededFuture();
    }

    private Future<?> heard(InferenceHeartbeat beat, Caller caller) {
        boolean authenticated = caller != Caller.UNAUTHENTICATED_LOCAL;
        if (beat == null || beat.nodeId() == null || authenticated && !caller.nodeId().equals(beat.nodeId())) {
            LOG.warn("inference heartbeat from {} names another node; ignored", caller.nodeId());
            return Future.succeededFuture();
        }
        String from = authenticated ? caller.org() : beat.org();
        table.update(beat, beat.nodeId(), from == null ? "" : from, System.currentTimeMillis());
        return Future.succeededFuture();
    }

    private void beat() {
        bus.publish(InferenceAddresses.HEARTBEAT, new InferenceHeartbeat(nodeId, org, models.infos(), local.inFlight(),
            config.heartbeat().toMillis()));
    }

    private RoleHealth health() {
        return new RoleHealth(Role.INFERENCE.id(), HealthStatus.UP, Map.of("planner", DeterministicPlanner.NAME,
            "providers", Integer.toString(config.providers().size()), "models", Integer.toString(models.infos().size())));
    }

    @Override
    public Future<?> stop() {
        return http == null ? Future.succeededFuture() : http.close();
    }
}
