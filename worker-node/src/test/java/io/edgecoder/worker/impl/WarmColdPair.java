package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.worker.HostState;
import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.worker.Runs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A sandbox with one pre-started slot and a cold one, side by side in a temp directory, for the
 * suites that compare the two paths. Skips (assumption) where bubblewrap, the cgroup controllers
 * or the language's runtime are missing; {@link #close} checks that neither left a process, a
 * cgroup or a host file behind, then removes the directory.
 */
final class WarmColdPair implements AutoCloseable {
    final Path temp;
    final Optional<CgroupDriver> cgroups;
    final BubblewrapSandbox warm;
    final BubblewrapSandbox cold;
    private final int warmUids;
    private final int coldUids;

    private WarmColdPair(Path temp, Optional<CgroupDriver> cgroups, int warmUids, int coldUids) {
        this.temp = temp;
        this.cgroups = cgroups;
        this.warmUids = warmUids;
        this.coldUids = coldUids;
        this.warm = new BubblewrapSandbox(temp.resolve("warm"), cgroups, warmUids, 1, 1, RunLimits.defaults());
        this.cold = new BubblewrapSandbox(temp.resolve("cold"), cgroups, coldUids, 1);
    }

    /** The pair for {@code language}, in a new temp directory named after {@code prefix}. */
    static WarmColdPair open(String prefix, Language language, int warmUids, int coldUids) throws IOException {
        Optional<CgroupDriver> cgroups = CgroupDriver.detect();
        assumeThat(Files.isExecutable(BwrapCommand.BWRAP)).as("bubblewrap installed").isTrue();
        assumeThat(cgroups).as("cgroup memory and pids controllers").isPresent();
        assumeThat(language.available()).as(language + " runtime installed").isTrue();
        return new WarmColdPair(Files.createTempDirectory(prefix), cgroups, warmUids, coldUids);
    }

    /** Runs {@code spec} once the pool is full, asserting it was served by a pre-started sandbox. */
    RunResult runWarm(RunSpec spec, Language language) {
        Sandboxes.awaitFull(warm, 1);
        long served = warm.warmPoolStats(language).served();
        RunResult result = warm.run(spec);
        assertThat(warm.warmPoolStats(language).served()).as("the run was warm: " + warm.warmStats()).isEqualTo(served + 1);
        return result;
    }

    @Override
    public void close() throws IOException {
        warm.close();
        cold.close();
        assertThat(HostState.processesOfUids(warmUids, 3)).as("processes of warm uids").isEmpty();
        assertThat(HostState.runCgroups(warmUids, 3)).as("cgroups of warm uids").isEmpty();
        assertThat(HostState.processesOfUids(coldUids, 1)).isEmpty();
        assertThat(Runs.leftovers(temp.resolve("warm"))).as("host files of warm runs").isEmpty();
        try (Stream<Path> paths = Files.walk(temp)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
