package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.worker.EscapeSuite;
import io.edgecoder.worker.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Escape and abuse suite against the strong level: it stops every case. */
class BubblewrapEscapeIT extends EscapeSuite {
    private static final int FIRST_UID = 1_900_100_000;
    private static BubblewrapSandbox sandbox;
    @TempDir
    static Path workDir;

    @BeforeAll
    static void setUp() {
        Optional<CgroupDriver> cgroups = CgroupDriver.detect();
        assumeThat(Files.isExecutable(BwrapCommand.BWRAP)).as("bubblewrap installed").isTrue();
        assumeThat(cgroups).as("cgroup memory and pids controllers").isPresent();
        sandbox = new BubblewrapSandbox(workDir, cgroups, FIRST_UID, 4);
    }

    @AfterAll
    static void tearDown() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    protected Sandbox sandbox() {
        return sandbox;
    }

    @Override
    protected Path runBase() {
        return workDir.resolve("meters");
    }

    @Override
    protected boolean stops(Gap gap) {
        return true;
    }

    @Override
    protected int firstUid() {
        return FIRST_UID;
    }

    @Override
    protected int uidCount() {
        return 4;
    }
}
