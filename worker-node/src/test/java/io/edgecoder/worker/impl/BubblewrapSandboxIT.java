package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.worker.Sandbox;
import io.edgecoder.worker.JavaSandboxContract;
import io.edgecoder.worker.SandboxContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox contract against the strong level: bubblewrap with cgroup limits. */
class BubblewrapSandboxIT implements SandboxContract, JavaSandboxContract {
    private static BubblewrapSandbox sandbox;
    @TempDir
    static Path workDir;

    @BeforeAll
    static void setUp() {
        Optional<CgroupDriver> cgroups = CgroupDriver.detect();
        assumeThat(Files.isExecutable(BwrapCommand.BWRAP)).as("bubblewrap installed").isTrue();
        assumeThat(cgroups).as("cgroup memory and pids controllers").isPresent();
        sandbox = new BubblewrapSandbox(workDir, cgroups, 1_900_700_000, 8);
    }

    @AfterAll
    static void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public Path workDir() {
        return workDir;
    }
}
