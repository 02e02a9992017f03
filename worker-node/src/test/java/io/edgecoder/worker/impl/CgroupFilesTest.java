package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupFilesTest {
    @TempDir
    Path tmp;

    @Test
    void removingAnEmptyGroupDeletesItAndReportsSuccess() throws IOException {
        Path group = Files.createDirectory(tmp.resolve("run-empty"));

        assertThat(CgroupFiles.remove(group)).isTrue();
        assertThat(group).doesNotExist();
    }

    @Test
    void aGroupThatWillNotGoIsReportedAsLeftBehindAfterBoundedAttempts() throws IOException {
        // A plain non-empty directory refuses rmdir on every attempt, as a cgroup with a task stuck in it would.
        Path group = Files.createDirectory(tmp.resolve("run-stuck"));
        Files.writeString(group.resolve("cgroup.procs"), "");
        Files.writeString(group.resolve("other"), "x");

        assertThat(CgroupFiles.remove(group)).isFalse();
        assertThat(group).isDirectory();
    }

    @Test
    void removingAGroupThatIsAlreadyGoneSucceeds() {
        assertThat(CgroupFiles.remove(tmp.resolve("run-gone"))).isTrue();
    }

    @Test
    void keyedValuesAreReadByNameAndMissingOnesAreMinusOne() throws IOException {
        Path events = Files.writeString(tmp.resolve("memory.events"), "low 0\nhigh 3\noom_kill 2\n");

        assertThat(CgroupFiles.keyed(events, "oom_kill")).isEqualTo(2);
        assertThat(CgroupFiles.keyed(events, "max")).isEqualTo(-1);
        assertThat(CgroupFiles.keyed(tmp.resolve("absent"), "oom_kill")).isEqualTo(-1);
    }
}
