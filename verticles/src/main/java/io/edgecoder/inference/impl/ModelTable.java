package io.edgecoder.inference.impl;

import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.InferenceHeartbeat;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.core.message.ModelListRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which inference node serves which models, from their heartbeats; an entry is forgotten after
 * three missed beats. The org of an entry is the one the sender's certificate names. Answers
 * model lists and routing candidates for a request's locality.
 */
public final class ModelTable {
    private static final int MISSED_BEATS = 3;

    private final Map<String, Entry> nodes = new HashMap<>();

    /** One node's last heartbeat. */
    public record Entry(String nodeId, String org, List<ModelInfo> models, int inFlight, long expiresAt) {
    }

    /** A node that may serve a request, with its load as the router sees it. */
    public record Candidate(String nodeId, String org, boolean remote, int load) {
    }

    /** Records {@code beat} from node {@code nodeId} of {@code org} (both as certified) at {@code now} millis. */
    public synchronized void update(InferenceHeartbeat beat, String nodeId, String org, long now) {
        List<ModelInfo> models = new ArrayList<>();
        for (ModelInfo m : beat.models() == null ? List.<ModelInfo>of() : beat.models()) {
            if (m != null && m.name() != null && m.provider() != null && models.size() < 1000) {
                models.add(new ModelInfo(m.name(), m.provider(), m.sizeBytes(), m.contextLength(), m.quantization(), nodeId, org, m.remote()));
            }
        }
        long interval = Math.max(100, Math.min(beat.intervalMillis(), 600_000));
        nodes.put(nodeId, new Entry(nodeId, org, List.copyOf(models), Math.max(0, beat.inFlight()), now + MISSED_BEATS * interval));
    }

    private void expire(long now) {
        nodes.values().removeIf(e -> e.expiresAt() < now);
    }

    /** The models a call with this locality may use. */
    public synchronized List<ModelInfo> visible(ModelListRequest request, long now) {
        expire(now);
        boolean localOnly = request != null && request.localOnly();
        String org = request == null ? null : request.org();
        boolean includeRemote = request != null && request.includeRemote() && !localOnly;
        return nodes.values().stream()
            .filter(e -> !localOnly || e.org().equals(org))
            .flatMap(e -> e.models().stream())
            .filter(m -> includeRemote || !m.remote())
            .sorted(Comparator.comparing(ModelInfo::name).thenComparing(ModelInfo::node).thenComparing(ModelInfo::provider))
            .toList();
    }

    /**
     * Nodes that may serve {@code request}: they list the model on a local provider (or on the
     * remote provider the request allows, when it is not local-only), and for a local-only request
     * they belong to its org. This node first, then the least loaded ({@code pending} adds the
     * calls this router sent since their last beat).
     */
    public synchronized List<Candidate> candidates(ChatRequest request, String self, Map<String, Integer> pending, long now) {
        expire(now);
        List<Candidate> out = new ArrayList<>();
        for (Entry e : nodes.values()) {
            if (request.localOnly() && !e.org().equals(request.org())) {
                continue;
            }
            boolean local = e.models().stream().anyMatch(m -> m.name().equals(request.model()) && !m.remote());
            boolean remote = e.models().stream().anyMatch(m -> m.name().equals(request.model()) && m.remote()
                && LocalModels.remoteAllowed(request, m.provider()));
            if (local || remote) {
                out.add(new Candidate(e.nodeId(), e.org(), !local, e.inFlight() + pending.getOrDefault(e.nodeId(), 0)));
            }
        }
        out.sort(Comparator.comparing((Candidate c) -> c.remote())
            .thenComparing(c -> !c.nodeId().equals(self))
            .thenComparingInt(Candidate::load)
            .thenComparing(Candidate::nodeId));
        return out;
    }

    /**
     * The smallest size of {@code model}'s weights that any of the candidate nodes (those the request may use)
     * advertises, ignoring nodes that say nothing (0 when none says): the size the call is priced by. A node
     * cannot raise the price of a model by advertising it larger than it is, as long as one node the call may use
     * tells the truth; a node that advertises it smaller only lowers its own pay.
     */
    public synchronized long sizeBytes(String model, List<Candidate> among) {
        long size = 0;
        for (Candidate c : among) {
            Entry e = nodes.get(c.nodeId());
            for (ModelInfo m : e == null ? List.<ModelInfo>of() : e.models()) {
                if (m.name().equals(model) && m.sizeBytes() > 0) {
                    size = size == 0 ? m.sizeBytes() : Math.min(size, m.sizeBytes());
                }
            }
        }
        return size;
    }

    /** Whether any node lists the model on a remote provider only (to explain a 404). */
    public synchronized boolean onlyRemote(String model) {
        boolean remote = false;
        for (Entry e : nodes.values()) {
            for (ModelInfo m : e.models()) {
                if (m.name().equals(model)) {
                    if (!m.remote()) {
                        return false;
                    }
                    remote = true;
                }
            }
        }
        return remote;
    }
}
