package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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

    private static StreamCapture drain(String text, int keep, long budget, AtomicInteger kills) {
        OutputBudget outputBudget = new OutputBudget(budget, kills::incrementAndGet);
        StreamCapture capture = new StreamCapture(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), keep, outputBudget);
        capture.run();
        return capture;
    }
}
