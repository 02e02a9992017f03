package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void commandNamesWithSpacesAndParenthesesDoNotShiftFields() {
        String line = "4242 (we ird) (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 7 3 20 0 1 0 5 1000 10";
        ProcStat stat = ProcStat.parse(4242, line);

        assertThat(stat.ppid()).isEqualTo(1);
        assertThat(stat.pgid()).isEqualTo(4242);
        assertThat(stat.sid()).isEqualTo(4242);
        assertThat(stat.cpuMs()).isEqualTo((150 + 50 + 7 + 3) * 10);
    }

    @Test
    void ownProcessIsReadable() {
        assertThat(ProcStat.read(ProcessHandle.current().pid())).isPresent();
    }
}
