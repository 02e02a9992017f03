package io.edgecoder.portal.ide;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.ChatChunk;
import io.edgecoder.core.testing.Await;
import io.edgecoder.portal.PortalHarness;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chunks sent on the bus to the endpoint's one address reach their call in {@code seq} order, and only their call. */
class ChunkRouterTest {
    private Vertx vertx;
    private BusClient bus;
    private final ChunkRouter router = new ChunkRouter();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<String> other = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        bus = new BusClient(vertx, Duration.ofSeconds(2));
        router.register("call-1", listener(seen));
        router.register("call-2", listener(other));
        PortalHarness.await(router.start(bus));
    }

    @AfterEach
    void stop() {
        PortalHarness.await(vertx.close());
    }

    private static ChunkRouter.Listener listener(List<String> into) {
        return new ChunkRouter.Listener() {
            @Override
            public void chunk(ChatChunk chunk) {
                into.add(chunk.seq() + ":" + chunk.delta() + (chunk.done() ? ":done" : ""));
            }

            @Override
            public void broken(MeshException failure) {
                into.add("broken");
            }
        };
    }

    private void send(String call, long seq, String delta, boolean done) {
        bus.send(router.address(), new ChatChunk(call, seq, delta, done, null, null, null));
    }

    @Test
    void chunksArriveInSeqOrderWhateverOrderTheyWereSentIn() throws Exception {
        send("call-1", 2, "c", false);
        send("call-1", 0, "a", false);
        send("call-2", 0, "x", true);
        send("call-1", 1, "b", false);
        send("call-1", 1, "b-again", false);
        send("call-1", 3, "", true);
        send("unknown", 0, "ignored", true);

        Await.until("four chunks of call-1", Duration.ofSeconds(5), () -> List.copyOf(seen), s -> s.size() >= 4);
        assertThat(seen).containsExactly("0:a", "1:b", "2:c", "3::done");
        Await.until("call-2's chunk", Duration.ofSeconds(5), () -> List.copyOf(other), s -> !s.isEmpty());
        assertThat(other).containsExactly("0:x:done");
    }

    @Test
    void theAddressIsOneOfTheIdeStreamAddresses() {
        assertThat(router.address()).startsWith("edgecoder.portal.ide.stream.");
    }
}
