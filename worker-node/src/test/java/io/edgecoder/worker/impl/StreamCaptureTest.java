package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamCaptureTest {

    @Test
    void shortOutputIsKeptWhole() {
        StreamCapture capture = drain("hello\nworld\n", 1024, 1 << 20, new AtomicInteger());

        assertThat(capture.text()).isEqualTo("hello\nworld\n");
        assertThat(capture.truncated()).isFalse();
    }

    @Test
    void longOutputKeepsHeadAndTailAndMarksTheCut() {
        String body = "H".repeat(2000) + "M".repeat(10_000) + "T".repeat(2000);
        StreamCapture capture = drain(body, 4096, 1 << 20, new AtomicInteger());

        assertThat(capture.truncated()).isTrue();
        assertThat(capture.text()).startsWith("H".repeat(2000)).endsWith("T".repeat(1024))
            .contains("[edgecoder: output truncated, " + (body.length() - 4096) + " bytes omitted]");
    }

    @Test
    void crossingTheBudgetFiresTheKillOnce() {
        AtomicInteger kills = new AtomicInteger();
        drain("z".repeat(100_000), 1024, 10_000, kills);

        assertThat(kills).hasValue(1);
    }

    @Test
    void aStreamReadToItsEndSaysSoAndOneCutOffDoesNot() {
        assertThat(drain("all of it\n", 1024, 1 << 20, new AtomicInteger()).reachedEnd()).isTrue();

        InputStream broken = new InputStream() {
            private boolean sent;

            @Override
            public int read() throws IOException {
                if (sent) {
                    throw new IOException("Stream closed");
                }
                sent = true;
                return 'x';
            }
        };
        StreamCapture cut = new StreamCapture(broken, 1024, new OutputBudget(1 << 20, () -> { }));
        cut.run();

        assertThat(cut.text()).isEqualTo("x");
        assertThat(cut.reachedEnd()).isFalse();
    }

    private static StreamCapture drain(String text, int keep, long budget, AtomicInteger kills) {
        OutputBudget outputBudget = new OutputBudget(budget, kills::incrementAndGet);
        StreamCapture capture = new StreamCapture(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), keep, outputBudget);
        capture.run();
        return capture;
    }
}
