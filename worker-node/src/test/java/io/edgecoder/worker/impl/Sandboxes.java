package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.worker.SandboxFixture;
import io.edgecoder.worker.SandboxFixture.Made;
import java.nio.file.Files;
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
