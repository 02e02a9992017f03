package io.edgecoder.control;

import io.edgecoder.control.impl.PgPolicyStore;
import io.edgecoder.control.impl.PgPolicyStore.Audit;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.BlacklistAddRequest;
import io.edgecoder.core.message.BlacklistListReply;
import io.edgecoder.core.message.BlacklistListRequest;
import io.edgecoder.core.message.BlacklistRemoveRequest;
import io.edgecoder.core.message.BlacklistView;
import io.edgecoder.core.message.ModeGetRequest;
import io.edgecoder.core.message.ModeListReply;
import io.edgecoder.core.message.ModeSetRequest;
import io.edgecoder.core.message.ModeView;
import io.edgecoder.core.message.PolicySnapshot;
import io.edgecoder.core.policy.NetworkMode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Network modes and the blacklist: checks an operator's request, commits it under the next policy
 * version with its audit entry, then publishes the whole policy snapshot (through
 * {@code publisher}) so every node applies it. Reads answer from the database.
 */
public final class PolicyService {
    private static final int MAX_LIST = 1000;

    private final PgPolicyStore store;
    private final Consumer<PolicySnapshot> publisher;
    private final Clock clock;

    public PolicyService(PgPolicyStore store, Consumer<PolicySnapshot> publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Future<ModeView> setMode(ModeSetRequest q) {
        return EnrollmentService.attempt(() -> new Object[] {PolicyInputs.org(q.org()), PolicyInputs.mode(q.mode()),
                Inputs.actor(q.actor()), Inputs.reason(q.reason())})
            .compose(in -> {
                String org = (String) in[0];
                NetworkMode mode = (NetworkMode) in[1];
                Instant now = clock.instant();
                String scope = org == null ? PgPolicyStore.DEPLOYMENT : org;
                return published(store.commit(new Audit(now, (String) in[2], "mode.set", org == null ? "deployment" : "org:" + org,
                        mode.id() + (in[3] == null ? "" : ": " + in[3])),
                    (conn, version) -> PgPolicyStore.setMode(conn, scope, mode, version, (String) in[2], now, (String) in[3])));
            })
            .compose(v -> getMode(new ModeGetRequest(q.org())));
    }

    public Future<ModeView> getMode(ModeGetRequest q) {
        return EnrollmentService.attempt(() -> PolicyInputs.org(q.org()))
            .compose(org -> store.modes().map(modes -> modes.stream().filter(m -> java.util.Objects.equals(m.org(), org)).findFirst()
                .orElseGet(() -> new ModeView(org, modes.get(0).mode(), modes.get(0).mode(), 0, null, null,
                    "not set: the deployment's mode applies"))));
    }

    public Future<ModeListReply> listModes() {
        return store.modes().map(ModeListReply::new);
    }

    public Future<BlacklistView> addBlacklist(BlacklistAddRequest q) {
        Instant now = clock.instant();
        return EnrollmentService.attempt(() -> {
                String kind = PolicyInputs.kind(q.kind());
                return new BlacklistView(0, kind, PolicyInputs.subject(kind, q.value()), PolicyInputs.requiredReason(q.reason()),
                    PolicyInputs.evidence(q.evidence()), Inputs.actor(q.actor()), now, PolicyInputs.expiry(q.expiresAt(), now), null,
                    null, 0);
            })
            .compose(e -> published(store.commit(new Audit(now, e.author(), "blacklist.add", e.kind() + ":" + Inputs.clip(e.value()),
                    e.reason() + (e.evidence() == null ? "" : " (evidence " + e.evidence() + ")")
                        + (e.expiresAt() == null ? "" : ", expires " + e.expiresAt())),
                (conn, version) -> PgPolicyStore.addBlacklist(conn, withVersion(e, version)))));
    }

    private static BlacklistView withVersion(BlacklistView e, long version) {
        return new BlacklistView(e.id(), e.kind(), e.value(), e.reason(), e.evidence(), e.author(), e.createdAt(), e.expiresAt(),
            e.removedBy(), e.removedAt(), version);
    }

    public Future<BlacklistView> removeBlacklist(BlacklistRemoveRequest q) {
        Instant now = clock.instant();
        return EnrollmentService.attempt(() -> {
                if (q.id() < 1) {
                    throw MeshException.badRequest("id: a blacklist entry id (1 or more)");
                }
                return new String[] {Inputs.actor(q.actor()), Inputs.reason(q.reason())};
            })
            .compose(in -> published(store.commit(new Audit(now, in[0], "blacklist.remove", "entry:" + q.id(), in[1]),
                (conn, version) -> PgPolicyStore.removeBlacklist(conn, q.id(), in[0], now))));
    }

    public Future<BlacklistListReply> listBlacklist(BlacklistListRequest q) {
        return store.blacklist(Boolean.TRUE.equals(q.all()), clock.instant(), MAX_LIST).map(BlacklistListReply::new);
    }

    /** The current policy, as every node should hold it. */
    public Future<PolicySnapshot> snapshot() {
        return store.snapshot(clock.instant());
    }

    /** A committed change's result, once the snapshot it produced has been published. */
    public <T> Future<T> published(Future<PgPolicyStore.Committed<T>> change) {
        return change.map(committed -> {
            publisher.accept(committed.snapshot());
            return committed.result();
        });
    }
}
