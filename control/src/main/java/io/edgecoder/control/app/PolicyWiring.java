package io.edgecoder.control.app;

import io.edgecoder.control.ControlStatus;
import io.edgecoder.control.HealthGate;
import io.edgecoder.control.PolicyService;
import io.edgecoder.control.RolloutService;
import io.edgecoder.control.impl.PgAuditLog;
import io.edgecoder.control.impl.PgNodeAcks;
import io.edgecoder.control.impl.PgPolicyStore;
import io.edgecoder.control.impl.PgRollouts;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.AuditTailRequest;
import io.edgecoder.core.message.AuditVerifyRequest;
import io.edgecoder.core.message.BlacklistAddRequest;
import io.edgecoder.core.message.BlacklistListRequest;
import io.edgecoder.core.message.BlacklistRemoveRequest;
import io.edgecoder.core.message.ControlStatusRequest;
import io.edgecoder.core.message.ModeGetRequest;
import io.edgecoder.core.message.ModeListRequest;
import io.edgecoder.core.message.ModeSetRequest;
import io.edgecoder.core.message.PolicyAck;
import io.edgecoder.core.message.PolicyGetRequest;
import io.edgecoder.core.message.RolloutActionRequest;
import io.edgecoder.core.message.RolloutStartRequest;
import io.edgecoder.core.message.RolloutStatusRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control role's policy half: modes, blacklist, rollouts (with their step timer and health
 * gate), node acknowledgements, status and audit, wired to their addresses. Wiring only.
 */
final class PolicyWiring {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyWiring.class);

    private final Vertx vertx;
    private final BusClient bus;
    private final Pool pool;
    private final Clock clock;
    private final Duration tick;
    private long timer = -1;

    PolicyWiring(Vertx vertx, BusClient bus, Pool pool, Clock clock, Duration tick) {
        this.vertx = vertx;
        this.bus = bus;
        this.pool = pool;
        this.clock = clock;
        this.tick = tick;
    }

    Future<PolicyWiring> register() {
        PgPolicyStore store = new PgPolicyStore(pool);
        PgRollouts rolloutRows = new PgRollouts(pool);
        PolicyService policy = new PolicyService(store, s -> bus.publish(ControlAddresses.POLICY_EVENTS, s), clock);
        RolloutService rollouts = new RolloutService(store, rolloutRows, policy, clock);
        ControlStatus status = new ControlStatus(policy, new PgNodeAcks(pool), new PgAuditLog(pool),
            new HealthGate(rolloutRows, rollouts, clock), clock);
        timer = vertx.setPeriodic(tick.toMillis(), id -> rollouts.tick().onFailure(e -> LOG.warn("rollout step check failed: {}",
            e.getMessage())));
        return Future.all(List.of(
                bus.consumer(ControlAddresses.STATUS, ControlStatusRequest.class, q -> status.status()),
                bus.consumer(ControlAddresses.MODE_GET, ModeGetRequest.class, policy::getMode),
                bus.consumer(ControlAddresses.MODE_LIST, ModeListRequest.class, q -> policy.listModes()),
                bus.consumer(ControlAddresses.MODE_SET, ModeSetRequest.class, policy::setMode),
                bus.consumer(ControlAddresses.BLACKLIST_ADD, BlacklistAddRequest.class, policy::addBlacklist),
                bus.consumer(ControlAddresses.BLACKLIST_REMOVE, BlacklistRemoveRequest.class, policy::removeBlacklist),
                bus.consumer(ControlAddresses.BLACKLIST_LIST, BlacklistListRequest.class, policy::listBlacklist),
                bus.consumer(ControlAddresses.ROLLOUT_START, RolloutStartRequest.class, rollouts::start),
                bus.consumer(ControlAddresses.ROLLOUT_PAUSE, RolloutActionRequest.class, rollouts::pause),
                bus.consumer(ControlAddresses.ROLLOUT_RESUME, RolloutActionRequest.class, rollouts::resume),
                bus.consumer(ControlAddresses.ROLLOUT_ROLLBACK, RolloutActionRequest.class, rollouts::rollback),
                bus.consumer(ControlAddresses.ROLLOUT_STATUS, RolloutStatusRequest.class,
                    q -> status.acks().compose(acks -> rollouts.status(q, acks))),
                bus.consumer(ControlAddresses.AUDIT_TAIL, AuditTailRequest.class, status::tail),
                bus.consumer(ControlAddresses.AUDIT_VERIFY, AuditVerifyRequest.class, q -> status.verify()),
                bus.consumer(ControlAddresses.POLICY_GET, PolicyGetRequest.class, q -> policy.snapshot()),
                bus.consumer(ControlAddresses.POLICY_ACKS, PolicyAck.class, status::ack)))
            .map(this);
    }

    void stop() {
        vertx.cancelTimer(timer);
    }
}
