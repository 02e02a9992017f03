package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.worker.SandboxFixture;
import io.edgecoder.worker.SandboxFixture.Made;
import io.edgecoder.core.testing.Await;
import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/** The fixture of each sandbox level, with what the host must offer for it. */
final class Sandboxes {
    private Sandboxes() {
    }

    /** The strong level; its runs leave only time reports (under {@code meters}) on the host. */
    static SandboxFixture bubblewrap(int firstUid, int uidCount) {
        return new SandboxFixture(firstUid, uidCount, dir -> {
            Optional<CgroupDriver> cgroups = CgroupDriver.detect();
            assumeThat(Files.isExecutable(BwrapCommand.BWRAP)).as("bubblewrap installed").isTrue();
            assumeThat(cgroups).as("cgroup memory and pids controllers").isPresent();
            return new Made(new BubblewrapSandbox(dir, cgroups, firstUid, uidCount), dir, dir.resolve("meters"));
        });
    }

    /**
     * The strong level with {@code slots} pre-started Python and as many JavaScript sandboxes (uids
     * {@code firstUid .. firstUid + 3 * slots - 1}), made once every one of them is ready, so that
     * Python and JavaScript runs with default limits go through the warm path.
     */
    static SandboxFixture warmBubblewrap(int firstUid, int slots) {
        return new SandboxFixture(firstUid, (1 + BubblewrapSandbox.WARM_LANGUAGES) * slots, dir -> {
            Optional<CgroupDriver> cgroups = CgroupDriver.detect();
            assumeThat(Files.isExecutable(BwrapCommand.BWRAP)).as("bubblewrap installed").isTrue();
            assumeThat(cgroups).as("cgroup memory and pids controllers").isPresent();
            BubblewrapSandbox sandbox = new BubblewrapSandbox(dir, cgroups, firstUid, slots, slots, RunLimits.defaults());
            awaitFull(sandbox, slots);
            return new Made(sandbox, dir, dir.resolve("meters"), sandbox::warmUids);
        });
    }

    /** Waits until {@code ready} pre-started sandboxes of each language wait for a job. */
    static void awaitFull(BubblewrapSandbox sandbox, int ready) {
        assertThat(sandbox.warmLanguages()).as("languages with pre-started sandboxes").contains(Language.PYTHON);
        for (Language language : sandbox.warmLanguages()) {
            try {
                Await.until("pre-started " + language.id() + " sandboxes ready", Duration.ofSeconds(120),
                    () -> sandbox.warmPoolStats(language), s -> s.ready() >= ready || !s.enabled());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(sandbox.warmPoolStats(language).enabled()).as("pre-started " + language.id() + " sandboxes enabled").isTrue();
        }
    }

    /** The basic level, working in its run base (the work dir, or its fallback when that is closed to other users). */
    static SandboxFixture unshare(int firstUid, int uidCount) {
        return new SandboxFixture(firstUid, uidCount, dir -> {
            assumeThat(Files.isExecutable(UnshareSandbox.UNSHARE)).as("util-linux unshare").isTrue();
            UnshareSandbox sandbox = new UnshareSandbox(dir, firstUid, uidCount);
            return new Made(sandbox, sandbox.runBase(), sandbox.runBase());
        });
    }

    /** The process level: the worker's own user, so no uids of its own. */
    static SandboxFixture process() {
        return new SandboxFixture(0, 0, dir -> new Made(new ProcessSandbox(dir), dir, dir));
    }
}
