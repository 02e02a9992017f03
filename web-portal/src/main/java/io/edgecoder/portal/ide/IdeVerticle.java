package io.edgecoder.portal.ide;

import io.edgecoder.core.BusClient;
import io.edgecoder.portal.impl.InvalidRequests;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IDE endpoint: an HTTP server (127.0.0.1:4311 by default) speaking OpenAI's and Ollama's
 * APIs for the mesh's models, so an IDE extension (Continue, Cline, ...) works by pointing it at
 * this address with a token. Runs beside the portal role (it shares the portal's tokens) and
 * reaches models only through the inference role's bus contract ({@link IdeCalls}). It runs no
 * tools: no shell command and no file access on anyone's machine, only model calls. Start
 * completes once the chunk consumer is registered and the server listens. A node runs several
 * instances on one port ({@link IdeEndpoints}): each on its own event loop, with its own chunk
 * address, sharing the bound on calls held ({@link IdePlaces}).
 */
public final class IdeVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(IdeVerticle.class);

    private final IdeConfig config;
    private final IdePlaces places;
    private final boolean mayMove;
    private final int sharedFreePort;
    private volatile int listenPort;
    private final ChunkRouter chunks = new ChunkRouter();
    private IdeCalls calls;
    private HttpServer server;

    /** A single instance, counting its own calls held. */
    public IdeVerticle(IdeConfig config) {
        this(config, IdePlaces.registered(config.maxInFlight(), config.meters()), true, config.port(), sharedFreePort());
    }

    /**
     * What an endpoint's instances ask for as "any free port": Vert.x gives all servers of one Vert.x instance
     * that listen on the same negative port one shared random port (port 0 is never shared). Random, so
     * that two endpoints in one Vert.x instance do not share theirs.
     */
    static int sharedFreePort() {
        return -java.util.concurrent.ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    }

    /**
     * One of several instances sharing {@code places}, listening on {@code port} ({@code config.port()},
     * or {@link #listenPort()} of the first instance); {@code mayMove}: the first one may take a free
     * port when the default one is taken, the others join the port the first one got.
     */
    IdeVerticle(IdeConfig config, IdePlaces places, boolean mayMove, int port, int sharedFreePort) {
        this.config = config;
        this.places = places;
        this.mayMove = mayMove;
        this.sharedFreePort = sharedFreePort;
        this.listenPort = port == 0 ? sharedFreePort : port;
    }

    @Override
    public Future<?> start() {
        BusClient bus = new BusClient(vertx, config.listTimeout());
        calls = new IdeCalls(bus, chunks, config, places);
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(listenPort)
            .setCompressionSupported(false).setDecompressionSupported(false)
            .setMaxInitialLineLength(InvalidRequests.MAX_REQUEST_LINE).setMaxHeaderSize(InvalidRequests.MAX_HEADER_BYTES);
        io.vertx.ext.web.Router router = IdeRoutes.create(vertx, calls, config);
        server = vertx.createHttpServer(options).requestHandler(router);
        return chunks.start(bus).compose(v -> server.listen()).recover(failure -> anyFreePort(failure, options, router))
            .onSuccess(s -> {
                if (mayMove) { // the first instance; the others join its port
                    LOG.info("IDE endpoint (OpenAI and Ollama APIs) on http://{}:{}", config.host(), s.actualPort());
                }
            });
    }

    /** The default port taken (another node on this machine): a free one, said in the log; an explicit port must be free. */
    private Future<HttpServer> anyFreePort(Throwable failure, HttpServerOptions options, io.vertx.ext.web.Router router) {
        if (!mayMove || config.port() != IdeConfig.DEFAULT_PORT || server == null) {
            return Future.failedFuture(new IllegalStateException("IDE endpoint cannot listen on " + config.host() + ":"
                + config.port() + " (ide.host/ide.port): " + failure.getMessage(), failure));
        }
        LOG.warn("IDE endpoint: {}:{} is not available ({}); listening on a free port instead", config.host(), config.port(),
            failure.getMessage());
        // A server whose listen failed cannot listen again: a new one on any free port (shared with the other instances).
        listenPort = sharedFreePort;
        server = vertx.createHttpServer(new HttpServerOptions(options).setPort(listenPort)).requestHandler(router);
        return server.listen();
    }

    /** The port this instance asked for when it listened: what the other instances of its endpoint ask for to share it. */
    int listenPort() {
        return listenPort;
    }

    @Override
    public Future<?> stop() {
        return chunks.stop();
    }

    /** The port the endpoint listens on, after start; -1 before. */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    /** Chat calls held now (by every instance sharing this one's places). */
    public int inFlight() {
        return places.held();
    }

    /** Chat calls this instance started so far. */
    long started() {
        return calls == null ? 0 : calls.started();
    }
}
