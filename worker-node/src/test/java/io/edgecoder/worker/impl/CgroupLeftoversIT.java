package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.worker.RunLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed with SIGKILL leaves its runs' cgroups behind; the next worker with the same
 * uid range removes them when it starts, and nothing of any other range or still in use.
 */
class CgroupLeftoversIT {
    private static final int BASE = 1_901_200_000;
    private final List<RunCgroup> created = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void removeWhatIsLeft() {
        created.forEach(RunCgroup::close);
    }

    @Test
    void aStartingWorkerRemovesTheEmptyRunGroupsOfItsOwnUidsOnly() throws Exception {
        Optional<CgroupDriver> cgroups = CgroupDriver.detect();
        assumeThat(cgroups).as("cgroup memory and pids controllers").isPresent();
        // Given groups a killed worker of uids BASE..BASE+1 left, and groups of a neighbour's uid and an old name
        String mine1 = create(cgroups.get(), "run-" + BASE + "-" + UUID.randomUUID());
        String mine2 = create(cgroups.get(), "run-" + (BASE + 1) + "-" + UUID.randomUUID());
        String neighbour = create(cgroups.get(), "run-" + (BASE + 2) + "-" + UUID.randomUUID());
        String unnamed = create(cgroups.get(), "run-" + UUID.randomUUID());

        // When a worker with uids BASE..BASE+1 starts
        new BubblewrapSandbox(work, cgroups, BASE, 2).close();

        // Then its own groups are gone and the others stay
        assertThat(groupExists(mine1)).isFalse();
        assertThat(groupExists(mine2)).isFalse();
        assertThat(groupExists(neighbour)).isTrue();
        assertThat(groupExists(unnamed)).isTrue();
    }

    @Test
    void ownRunGroupNamesAreRecognisedByUidRange() {
        assertThat(BubblewrapSandbox.ownRunGroup("run-" + BASE + "-" + UUID.randomUUID(), BASE, 1)).isTrue();
        assertThat(BubblewrapSandbox.ownRunGroup("run-" + (BASE + 1) + "-" + UUID.randomUUID(), BASE, 1)).isFalse();
        assertThat(BubblewrapSandbox.ownRunGroup("run-99999999999999999999-x", BASE, 1)).isFalse();
        assertThat(BubblewrapSandbox.ownRunGroup("probe-123", BASE, 1)).isFalse();
    }

    private String create(CgroupDriver driver, String name) throws Exception {
        created.add(driver.create(name, RunLimits.defaults()));
        return name;
    }

    private static boolean groupExists(String name) {
        return Files.exists(CgroupDriver.ROOT.resolve("pids/edgecoder").resolve(name))
            || Files.exists(CgroupDriver.ROOT.resolve("memory/edgecoder").resolve(name))
            || Files.exists(CgroupDriver.ROOT.resolve("edgecoder-runs").resolve(name));
    }
}
