package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.worker.Sandbox;
import io.edgecoder.worker.JavaSandboxContract;
import io.edgecoder.worker.SandboxContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox contract against the basic level: unshare --net, a uid per run, rlimits. */
class UnshareSandboxIT implements SandboxContract, JavaSandboxContract {
    private static UnshareSandbox sandbox;
    @TempDir
    static Path temp;

    @BeforeAll
    static void setUp() {
        assumeThat(Files.isExecutable(UnshareSandbox.UNSHARE)).as("util-linux unshare").isTrue();
        sandbox = new UnshareSandbox(temp.resolve("work"), 1_900_800_000, 8);
    }

    @AfterAll
    static void tearDown() throws java.io.IOException {
        if (sandbox != null) {
            sandbox.close();
            // The fallback base under /tmp is the sandbox's, not a run's; the test removes it.
            Files.deleteIfExists(sandbox.runBase());
        }
    }

    @Override
    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public Path workDir() {
        return sandbox.runBase();
    }
}
