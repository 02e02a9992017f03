package io.edgecoder.inference.impl;

import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.inference.ModelProvider;
import io.edgecoder.inference.ProviderModel;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models this node's providers serve, asked again every refresh. A provider that cannot be
 * reached serves nothing until it answers again (logged when that changes).
 */
public final class LocalModels {
    private static final Logger LOG = LoggerFactory.getLogger(LocalModels.class);

    private final List<ModelProvider> providers;
    private final String nodeId;
    private final String org;
    private final Map<String, List<ProviderModel>> served = new LinkedHashMap<>();

    public LocalModels(List<ModelProvider> providers, String nodeId, String org) {
        this.providers = List.copyOf(providers);
        this.nodeId = nodeId;
        this.org = org;
    }

    public List<ModelProvider> providers() {
        return providers;
    }

    /** Asks every provider for its models; never fails. */
    public Future<Void> refresh() {
        List<Future<Void>> all = new ArrayList<>();
        for (ModelProvider p : providers) {
            all.add(p.models().transform(ar -> {
                update(p, ar.succeeded() ? ar.result() : null, ar.failed() ? ar.cause().getMessage() : null);
                return Future.<Void>succeededFuture();
            }));
        }
        return Future.join(all).mapEmpty();
    }

    private synchronized void update(ModelProvider p, List<ProviderModel> models, String problem) {
        List<ProviderModel> before = served.get(p.config().name());
        if (models == null) {
            if (before == null || !before.isEmpty()) {
                LOG.warn("provider {} serves nothing for now: {}", p.config(), problem);
            }
            served.put(p.config().name(), List.of());
            return;
        }
        if (before == null || !before.equals(models)) {
            LOG.info("provider {} serves {}", p.config(), models.stream().map(ProviderModel::name).toList());
        }
        served.put(p.config().name(), List.copyOf(models));
    }

    /** What this node advertises: one entry per model and provider. */
    public synchronized List<ModelInfo> infos() {
        List<ModelInfo> out = new ArrayList<>();
        for (ModelProvider p : providers) {
            for (ProviderModel m : served.getOrDefault(p.config().name(), List.of())) {
                out.add(new ModelInfo(m.name(), p.config().name(), m.sizeBytes(), m.contextLength(), m.quantization(), nodeId, org,
                    p.config().remote()));
            }
        }
        return out;
    }

    /**
     * The provider of this node that may serve {@code request}: one that lists the model, local
     * first; a remote one only when the request names it in {@code allowRemote} and is not local-only.
     */
    public synchronized Optional<ModelProvider> providerFor(ChatRequest request) {
        Optional<ModelProvider> local = Optional.empty();
        Optional<ModelProvider> remote = Optional.empty();
        for (ModelProvider p : providers) {
            boolean lists = served.getOrDefault(p.config().name(), List.of()).stream().anyMatch(m -> m.name().equals(request.model()));
            if (!lists) {
                continue;
            }
            if (!p.config().remote() && local.isEmpty()) {
                local = Optional.of(p);
            } else if (p.config().remote() && remoteAllowed(request, p.config().name()) && remote.isEmpty()) {
                remote = Optional.of(p);
            }
        }
        return local.isPresent() ? local : remote;
    }

    /** Cloud handoff: only for a provider the request names, never for local-only work. */
    public static boolean remoteAllowed(ChatRequest request, String provider) {
        return !request.localOnly() && provider.equals(request.allowRemote());
    }
}
