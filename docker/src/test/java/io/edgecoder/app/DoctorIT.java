package io.edgecoder.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code edgecoder doctor} probes this machine and reports the isolation level a worker would announce. */
class DoctorIT {
    @Test
    void reportsTheLevelAndExitsZeroOnlyWhenItIsStrong() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.run(new String[] {"doctor"});
        } finally {
            System.setOut(out);
        }
        String report = captured.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("isolation level:").contains("bubblewrap:").contains("python");
        boolean strong = report.lines().anyMatch(l -> l.equals("isolation level: strong"));
        assertThat(exit).isEqualTo(strong ? 0 : 1);
        if (!strong) {
            assertThat(report).containsIgnoringCase("install");
        }
    }
}
