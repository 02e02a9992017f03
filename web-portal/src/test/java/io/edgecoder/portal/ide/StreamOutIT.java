package io.edgecoder.portal.ide;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.testing.Await;
import io.edgecoder.portal.PortalHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A streamed answer keeps the client's pace: a client that reads gets every piece in order and the
 * end; a client that stops reading makes pieces wait (bounded), then the overflow hook runs once.
 */
class StreamOutIT {
    private static final int PIECE = 4096;
    /** Pieces the server writes: few for the reading client, more than every buffer on the way for the other. */
    private volatile int pieces;
    /** The bound of the stream: large for the reading client (the queue is used, never exceeded), small for the other. */
    private volatile long bound;
    private Vertx vertx;
    private HttpServer server;
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final AtomicLong maxQueued = new AtomicLong();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = PortalHarness.await(vertx.createHttpServer().requestHandler(request -> {
            StreamOut out = new StreamOut(request.response().setChunked(true), bound, () -> {
                overflowed.set(true);
                request.connection().close();
            });
            long[] sent = {0};
            vertx.setPeriodic(1, id -> {
                for (int i = 0; i < 200 && sent[0] < pieces && !overflowed.get(); i++, sent[0]++) {
                    out.write(Buffer.buffer(String.format("%08d", sent[0]) + "x".repeat(PIECE - 9) + "\n"));
                    maxQueued.accumulateAndGet(out.queuedBytes(), Math::max);
                }
                if (sent[0] >= pieces || overflowed.get()) {
                    vertx.cancelTimer(id);
                    out.end(Buffer.buffer("end\n"));
                }
            });
        }).listen(0, "127.0.0.1"));
    }

    @AfterEach
    void stop() {
        PortalHarness.await(vertx.close());
    }

    private Socket request() throws Exception {
        Socket socket = new Socket();
        if (pieces > 500) {
            socket.setReceiveBufferSize(16 * 1024);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.actualPort()));
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void aClientThatReadsGetsEverythingInOrderAndTheEnd() throws Exception {
        bound = 64L * 1024 * 1024;
        pieces = 500;
        try (Socket socket = request(); InputStream in = socket.getInputStream()) {
            String all = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(all).contains("\r\nend\n\r\n0\r\n\r\n");
            java.util.List<Integer> order = java.util.Arrays.stream(all.split("\r?\n")).filter(l -> l.matches("\\d{8}x+"))
                .map(l -> Integer.parseInt(l.substring(0, 8))).toList();
            assertThat(order).hasSize(500).isSorted();
        }
        assertThat(overflowed).isFalse();
    }

    @Test
    void aClientThatStopsReadingIsGivenUpOnWithBoundedMemory() throws Exception {
        bound = 256 * 1024;
        pieces = 5_000;
        try (Socket socket = request()) {
            Await.until("the overflow hook", Duration.ofSeconds(60), overflowed::get, Boolean::booleanValue);
        }
        assertThat(maxQueued.get()).isLessThanOrEqualTo(256 * 1024 + PIECE);
    }
}
