package io.edgecoder.portal.ide;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node's IDE endpoint as {@code ide.instances} {@link IdeVerticle}s on one port. The first
 * instance decides the port (the configured one, or a free one when the default is taken); the
 * others ask for the same one, and Vert.x, which shares a server among the instances that ask for
 * the same port, hands each new connection to the next instance. Each
 * instance runs on its own event loop with its own chunk address, so the streams of many IDE
 * calls are written by several threads instead of one; the calls held at once are counted for the
 * whole endpoint ({@code ide.max.in.flight}).
 */
public final class IdeEndpoints {
    private final List<IdeVerticle> instances = new CopyOnWriteArrayList<>();
    private final IdeConfig config;
    private final IdePlaces places;
    private final int sharedFreePort = IdeVerticle.sharedFreePort();

    private IdeEndpoints(IdeConfig config) {
        this.config = config;
        this.places = IdePlaces.registered(config.maxInFlight(), config.meters());
    }

    /** Deploys {@code config.instances()} instances; completes when all listen. */
    public static Future<IdeEndpoints> deploy(Vertx vertx, IdeConfig config) {
        IdeEndpoints endpoints = new IdeEndpoints(config);
        IdeVerticle first = new IdeVerticle(config, endpoints.places, true, config.port(), endpoints.sharedFreePort);
        endpoints.instances.add(first);
        return vertx.deployVerticle(first).compose(id -> endpoints.others(vertx, first.listenPort())).map(endpoints);
    }

    /** The other instances, asking for the port the first one asked for (a shared random one when it was "any free port"). */
    private Future<?> others(Vertx vertx, int port) {
        if (config.instances() == 1) {
            return Future.succeededFuture();
        }
        return vertx.deployVerticle(() -> {
            IdeVerticle next = new IdeVerticle(config, places, false, port, sharedFreePort);
            instances.add(next);
            return next;
        }, new DeploymentOptions().setInstances(config.instances() - 1));
    }

    /** The port all instances listen on. */
    public int actualPort() {
        return instances.get(0).actualPort();
    }

    /** Instances running. */
    public int instances() {
        return instances.size();
    }

    /** Chat calls started by each instance so far (how connections were spread). */
    public List<Long> startedPerInstance() {
        return instances.stream().map(IdeVerticle::started).toList();
    }

    /** Chat calls held now by the whole endpoint. */
    public int inFlight() {
        return places.held();
    }
}
