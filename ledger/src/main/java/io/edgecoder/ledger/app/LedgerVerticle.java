package io.edgecoder.ledger.app;

import io.edgecoder.core.HealthStatus;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.db.Migrator;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.InferenceAllowanceCloseRequest;
import io.edgecoder.core.message.InferenceAllowanceRequest;
import io.edgecoder.core.message.InferenceAuthorizeRequest;
import io.edgecoder.core.message.MemberLeftEvent;
import io.edgecoder.core.message.InferenceUsageRequest;
import io.edgecoder.core.trust.Caller;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.message.SettleJobRequest;
import io.edgecoder.core.message.VerifyRequest;
import io.edgecoder.ledger.impl.LedgerSchema;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger role: its own PG pool, migrations, the bus consumers of {@link LedgerAddresses}
 * plus the local role-health consumer, and the background schedules. Wiring only.
 */
public final class LedgerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerVerticle.class);

    private final LedgerConfig config;
    private Pool pool;
    private LedgerServices services;
    private LedgerSchedules schedules;

    public LedgerVerticle(LedgerConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        pool = PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(config.poolSize()))
            .connectingTo(PgConnectOptions.fromUri(config.dbUrl()))
            .using(vertx)
            .build();
        services = new LedgerServices(vertx, pool, config, Clock.systemUTC());
        schedules = new LedgerSchedules(vertx, services, config);
        return new Migrator(pool).migrate(LedgerSchema.COMPONENT, LedgerSchema.MIGRATIONS)
            .compose(applied -> registerConsumers())
            .onSuccess(v -> schedules.start())
            .onSuccess(v -> LOG.info("ledger ready (node {}, price {} milli-credits per CPU-second)",
                config.identity().nodeId(), config.priceCpuSecondMilli()));
    }

    private Future<?> registerConsumers() {
        BusClient bus = new BusClient(vertx, config.busTimeout());
        return Future.all(java.util.List.of(
            new EconomyConsumers(services).register(bus),
            bus.consumer(LedgerAddresses.JOB_SETTLE, SettleJobRequest.class, services.settlement::settle),
            bus.consumer(LedgerAddresses.BALANCE_LIST, BalancesRequest.class,
                q -> services.store.balances().map(all -> BalanceViews.visible(q, all))),
            bus.consumer(LedgerAddresses.CHAIN_VERIFY, VerifyRequest.class, q -> services.store.verify()),
            bus.consumer(LedgerAddresses.INFERENCE_AUTHORIZE, InferenceAuthorizeRequest.class,
                (q, caller) -> services.inference.authorize(q, sender(caller))),
            bus.consumer(LedgerAddresses.INFERENCE_SETTLE, InferenceUsageRequest.class,
                (q, caller) -> services.inference.settle(q, sender(caller))),
            bus.consumer(LedgerAddresses.INFERENCE_ALLOWANCE_GRANT, InferenceAllowanceRequest.class,
                (q, caller) -> services.allowances.grant(q, sender(caller))),
            bus.consumer(LedgerAddresses.INFERENCE_ALLOWANCE_CLOSE, InferenceAllowanceCloseRequest.class,
                (q, caller) -> services.allowances.close(q, sender(caller))),
            bus.localConsumer(NodeAddresses.MEMBER_LEFT, MemberLeftEvent.class, this::routerLeft),
            bus.localConsumer(NodeAddresses.roleHealth(Role.LEDGER), HealthRequest.class, q -> health())));
    }

    /** The certified node that sent a message, or null for a message of this process on a node without bus authentication. */
    private static String sender(Caller caller) {
        return caller == Caller.UNAUTHENTICATED_LOCAL ? null : caller.nodeId();
    }

    /** A routing node that left takes no more draws on its allowances; the sweep returns their rest. */
    private Future<Integer> routerLeft(MemberLeftEvent event) {
        return services.allowances.routerLeft(event == null ? null : event.nodeId())
            .onSuccess(n -> {
                if (n > 0) {
                    LOG.info("node {} left: its {} model-call allowance(s) take no more calls", event.nodeId(), n);
                }
            });
    }

    private Future<RoleHealth> health() {
        return services.store.ping().map(up -> new RoleHealth(Role.LEDGER.id(), HealthStatus.of(up),
            Map.of("database", HealthStatus.of(up).wire())));
    }

    @Override
    public Future<?> stop() {
        if (schedules != null) {
            schedules.stop();
        }
        if (services != null) {
            services.store.close();
        }
        return pool == null ? Future.succeededFuture() : pool.close();
    }
}
