package io.edgecoder.core.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private static final int MAX = 1024;
    private final List<Frame> frames = new ArrayList<>();
    private final List<String> malformed = new ArrayList<>();
    private final List<String> fatal = new ArrayList<>();
    private final FrameReader reader = new FrameReader(MAX, frames::add, new FrameReader.Errors() {
        @Override
        public void malformed(String reason) {
            malformed.add(reason);
        }

        @Override
        public void fatal(String reason) {
            fatal.add(reason);
        }
    });

    private static Buffer raw(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return Buffer.buffer().appendInt(bytes.length).appendBytes(bytes);
    }

    @Test
    void framesSplitAtEveryByteArriveWholeAndInOrder() {
        Frame work = Frame.send("edgecoder.worker.subtask.run.nabc", "7", new JsonObject().put("test", "test_ü.py"));
        Buffer stream = FrameReader.encode(work, MAX).appendBuffer(FrameReader.encode(Frame.ping(), MAX))
            .appendBuffer(FrameReader.encode(Frame.fail("7", 429, "full"), MAX));

        for (int i = 0; i < stream.length(); i++) {
            reader.handle(stream.getBuffer(i, i + 1));
        }

        assertThat(frames).containsExactly(work, Frame.ping(), Frame.fail("7", 429, "full"));
        assertThat(reader.buffered()).isZero();
        assertThat(malformed).isEmpty();
    }

    @Test
    void operatorAuthFramesCarryTheTokenOrNothing() {
        reader.handle(FrameReader.encode(Frame.auth("secret"), MAX).appendBuffer(FrameReader.encode(Frame.auth(null), MAX))
            .appendBuffer(FrameReader.encode(Frame.authed(new JsonObject().put("operator", "admin")), MAX)));

        assertThat(frames).extracting(Frame::type).containsExactly(Frame.AUTH, Frame.AUTH, Frame.AUTHED);
        assertThat(frames.get(0).body().getString("token")).isEqualTo("secret");
        assertThat(frames.get(1).body().containsKey("token")).isFalse();
        assertThat(frames.get(2).body().getString("operator")).isEqualTo("admin");
    }

    @Test
    void manyFramesInOneChunkAreAllRead() {
        Buffer chunk = Buffer.buffer();
        for (int i = 0; i < 20; i++) {
            chunk.appendBuffer(FrameReader.encode(Frame.reply(Integer.toString(i), new JsonObject().put("i", i)), MAX));
        }

        reader.handle(chunk);

        assertThat(frames).hasSize(20);
        assertThat(frames.get(19).replyId()).isEqualTo("19");
    }

    @Test
    void aLengthAboveTheBoundIsFatalAndNothingMoreIsRead() {
        reader.handle(Buffer.buffer().appendInt(MAX + 1));
        reader.handle(FrameReader.encode(Frame.ping(), MAX));

        assertThat(fatal).singleElement().asString().contains("outside 2.." + MAX);
        assertThat(frames).isEmpty();
        assertThat(reader.buffered()).isZero();
    }

    @Test
    void aNegativeOrTinyLengthIsFatal() {
        reader.handle(Buffer.buffer().appendInt(-5));
        assertThat(fatal).hasSize(1);

        FrameReader other = new FrameReader(MAX, frames::add, new FrameReader.Errors() {
            @Override
            public void malformed(String reason) {
            }

            @Override
            public void fatal(String reason) {
                fatal.add(reason);
            }
        });
        other.handle(Buffer.buffer().appendInt(0));
        assertThat(fatal).hasSize(2);
    }

    @Test
    void aMalformedFrameIsSkippedAndTheNextIsRead() {
        reader.handle(raw("{not json"));
        reader.handle(raw("[1,2,3]"));
        reader.handle(raw("{\"type\":\"teleport\"}"));
        reader.handle(raw("{\"type\":\"publish\",\"address\":\"a\",\"body\":\"text\"}"));
        reader.handle(raw("{\"type\":\"publish\",\"address\":\"" + "a".repeat(Frame.MAX_NAME + 1) + "\"}"));
        reader.handle(raw("{\"type\":\"fail\",\"replyId\":\"1\",\"code\":\"x\"}"));
        reader.handle(FrameReader.encode(Frame.pong(), MAX));

        assertThat(malformed).hasSize(6);
        assertThat(malformed.get(2)).contains("unknown frame type");
        assertThat(malformed.get(3)).contains("body must be a JSON object");
        assertThat(fatal).isEmpty();
        assertThat(frames).containsExactly(Frame.pong());
    }

    @Test
    void aStoppedReaderDeliversNothingMore() {
        Buffer two = FrameReader.encode(Frame.ping(), MAX).appendBuffer(FrameReader.encode(Frame.pong(), MAX));
        FrameReader[] self = new FrameReader[1];
        self[0] = new FrameReader(MAX, f -> {
            frames.add(f);
            self[0].stop();
        }, null);

        self[0].handle(two);

        assertThat(frames).containsExactly(Frame.ping());
    }

    @Test
    void encodingRefusesAFrameAboveTheBound() {
        Frame big = Frame.publish("a", new JsonObject().put("x", "y".repeat(MAX)));

        assertThatThrownBy(() -> FrameReader.encode(big, MAX)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("exceeds the bound of " + MAX);
    }

    @Test
    void longFailureMessagesAreCutAndFramesRoundTripThroughJson() {
        Frame fail = Frame.fail("9", 503, "m".repeat(5000));

        assertThat(fail.message()).hasSize(Frame.MAX_MESSAGE);
        assertThat(Frame.fromJson(fail.toJson())).isEqualTo(fail);
        assertThat(Frame.fromJson(Frame.err(403, "no", "edgecoder.ledger.job.settle").toJson()).address())
            .isEqualTo("edgecoder.ledger.job.settle");
    }
}
