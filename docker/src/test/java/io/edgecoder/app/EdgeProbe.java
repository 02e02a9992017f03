package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;

import io.edgecoder.core.bridge.Frame;
import io.edgecoder.core.bridge.FrameReader;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.trust.NodeCredentials;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemTrustOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A hand-driven edge connection: speaks the bridge protocol frame by frame, as a misbehaving edge
 * node would, and records what the bridge answers and whether it closed the connection.
 */
final class EdgeProbe implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final List<Frame> received = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private NetSocket socket;
    /** Held: Vert.x closes a client (and its connections) once nothing references it. */
    private io.vertx.core.net.NetClient client;

    /** Connects presenting {@code credentials} and trusting {@code trusted} (normally the deployment CA). */
    static EdgeProbe connect(NodeCredentials credentials, PemTrustOptions trusted, int port) throws Exception {
        EdgeProbe probe = new EdgeProbe();
        NetClientOptions options = credentials.clientOptions(new NetClientOptions().setHostnameVerificationAlgorithm(""))
            .setTrustOptions(trusted);
        probe.client = probe.vertx.createNetClient(options);
        probe.socket = await(probe.client.connect(port, "127.0.0.1"));
        FrameReader reader = new FrameReader(FrameReader.DEFAULT_MAX_BYTES, probe.received::add, new FrameReader.Errors() {
            @Override
            public void malformed(String reason) {
            }

            @Override
            public void fatal(String reason) {
            }
        });
        probe.socket.handler(reader::handle);
        probe.socket.closeHandler(v -> probe.closed = true);
        return probe;
    }

    void send(Frame frame) throws Exception {
        await(socket.write(FrameReader.encode(frame, FrameReader.DEFAULT_MAX_BYTES)));
    }

    /** Sends a ping and waits for its pong: every frame sent before has been handled by then. */
    void roundTrip() throws Exception {
        long pongs = count(Frame.PONG);
        send(Frame.ping());
        Await.until("a pong from the bridge", Duration.ofSeconds(10), () -> count(Frame.PONG), n -> n > pongs);
    }

    Frame awaitFrame(String what, Predicate<Frame> wanted) throws Exception {
        return Await.until(what, Duration.ofSeconds(10),
            () -> received.stream().filter(wanted).findFirst().orElse(null), f -> f != null);
    }

    long count(String type) {
        return received.stream().filter(f -> f.type().equals(type)).count();
    }

    List<Frame> received() {
        return received;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() throws Exception {
        await(vertx.close());
    }
}
