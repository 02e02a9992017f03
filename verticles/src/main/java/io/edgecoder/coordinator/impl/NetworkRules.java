package io.edgecoder.coordinator.impl;

import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.message.BlacklistView;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.policy.NetworkMode;
import io.edgecoder.core.policy.NodePolicy;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The control plane's policy as the coordinator enforces it, read from the node's applied
 * {@link NodePolicy} at each decision (so a change acts on the next job, placement and result):
 * <ul>
 *   <li>intake: a requester whose account or organisation is blacklisted is refused
 *       ({@code rule blacklist.account} / {@code blacklist.org}); a mesh job from an organisation in
 *       {@code local-only} mode is refused ({@code rule mode.local-only});</li>
 *   <li>placement: in {@code local-only} only the requester organisation's own core workers;
 *       in {@code swarm} its own workers first, others when none of its own is free; no work for a
 *       blacklisted worker (by node id, key or organisation);</li>
 *   <li>results: a worker blacklisted while it held a lease has its result refused (see
 *       {@link SubtaskDispatcher}).</li>
 * </ul>
 */
public final class NetworkRules {
    private final Supplier<NodePolicy> policy;
    private final TrustDomain trust;

    public NetworkRules(Supplier<NodePolicy> policy, TrustDomain trust) {
        this.policy = policy;
        this.trust = trust;
    }

    /** Empty when the job may be accepted; otherwise the refusal, naming the rule (safe to show). */
    public Optional<String> intakeRefusal(JobSubmitRequest job) {
        NodePolicy p = policy.get();
        String org = trust.requesterOrg(job);
        Optional<BlacklistView> barred = p.barred(null, null, job.requester(), org);
        if (barred.isPresent()) {
            return Optional.of("refused by " + NodePolicy.describe(barred.get()));
        }
        if (JobSpecs.MESH.equals(job.locality()) && p.mode(org) == NetworkMode.LOCAL_ONLY) {
            return Optional.of("refused by rule mode.local-only: organisation " + org + " is in local-only mode (policy version "
                + p.version() + "), so no job may leave its own nodes; submit it with locality local-only");
        }
        return Optional.empty();
    }

    /** Whether the network mode of the job's organisation lets {@code worker} run it. */
    public boolean allows(JobSubmitRequest job, WorkerEntry worker) {
        String org = trust.requesterOrg(job);
        return policy.get().mode(org) != NetworkMode.LOCAL_ONLY || trust.contains(org, worker);
    }

    /** The organisation whose workers placement prefers ({@code swarm}: the requester's own), or null. */
    public String preferredOrg(JobSubmitRequest job) {
        String org = trust.requesterOrg(job);
        return policy.get().mode(org) == NetworkMode.SWARM ? org : null;
    }

    /**
     * Why an agent job's prompt may not go to the remote provider it names (empty when it may): never
     * for local-only work, and never while the requester's organisation is in {@code local-only} mode.
     */
    public Optional<String> remoteRefusal(JobSubmitRequest job) {
        if (!JobSpecs.MESH.equals(job.locality())) {
            return Optional.of("the job is local-only");
        }
        NodePolicy p = policy.get();
        String org = trust.requesterOrg(job);
        if (p.mode(org) == NetworkMode.LOCAL_ONLY) {
            return Optional.of("organisation " + org + " is in local-only mode (policy version " + p.version() + ")");
        }
        return Optional.empty();
    }

    /** The blacklist entry barring {@code worker}, if any. */
    public Optional<BlacklistView> barred(WorkerEntry worker) {
        return policy.get().barred(worker.nodeId(), worker.publicKey(), null, worker.org());
    }
}
