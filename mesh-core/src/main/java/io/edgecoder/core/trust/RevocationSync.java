package io.edgecoder.core.trust;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.RevocationEvent;
import io.edgecoder.core.message.RevocationListReply;
import io.edgecoder.core.message.RevocationListRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's {@link MeshTrust} in step with the control role's revocations: applies each
 * {@code RevocationEvent} as it is published (only control nodes may publish them, see
 * {@link BusPolicy}), and loads the whole revocation list at start and then every
 * {@link #REFRESH}, so a node that missed events while away catches up. Every node installs it.
 */
public final class RevocationSync {
    public static final Duration REFRESH = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(RevocationSync.class);

    private final Vertx vertx;
    private final BusClient bus;
    private final MeshTrust trust;
    private long timer = -1;

    private RevocationSync(Vertx vertx, BusClient bus, MeshTrust trust) {
        this.vertx = vertx;
        this.bus = bus;
        this.trust = trust;
    }

    /**
     * Subscribes to revocations and loads the list once; completes when both are done (a list that
     * cannot be loaded, for example before any control node runs, is tried again every {@link #REFRESH}).
     */
    public static Future<RevocationSync> install(Vertx vertx, BusClient bus, MeshTrust trust) {
        RevocationSync sync = new RevocationSync(vertx, bus, trust);
        return bus.consumer(ControlAddresses.REVOCATION_EVENTS, RevocationEvent.class, sync::apply)
            .compose(c -> sync.refresh().otherwise(0))
            .onSuccess(n -> sync.timer = vertx.setPeriodic(REFRESH.toMillis(), id -> sync.refresh()))
            .map(sync);
    }

    public void stop() {
        vertx.cancelTimer(timer);
    }

    private Future<Void> apply(RevocationEvent event) {
        if (event.nodeId() == null || event.nodeId().isBlank()) {
            return Future.succeededFuture();
        }
        if (event.revoked()) {
            trust.revoke(event.nodeId());
            LOG.info("node {} is revoked: its messages are refused from now on", event.nodeId());
        } else {
            trust.reinstate(event.nodeId());
            LOG.info("node {} is reinstated", event.nodeId());
        }
        return Future.succeededFuture();
    }

    /** Loads the control role's list; when no control node answers, the node keeps what it has. */
    public Future<Integer> refresh() {
        return bus.request(ControlAddresses.REVOCATION_LIST, new RevocationListRequest(), RevocationListReply.class)
            .map(reply -> {
                java.util.List<String> ids = reply.nodeIds() == null ? java.util.List.of() : reply.nodeIds();
                ids.forEach(trust::revoke);
                return ids.size();
            })
            .onFailure(e -> LOG.debug("revocation list not loaded (will try again): {}", e.getMessage()));
    }
}
