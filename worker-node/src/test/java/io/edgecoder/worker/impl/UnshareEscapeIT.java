package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.edgecoder.worker.EscapeSuite;
import io.edgecoder.worker.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape and abuse suite against the basic level. Basic has no mount namespace, so it cannot
 * stop writes to world-writable host directories, reads of world-readable host files, or a
 * disk filled with many files each under the per-file limit; everything else it stops.
 */
class UnshareEscapeIT extends EscapeSuite {
    private static final int FIRST_UID = 1_900_200_000;
    private static UnshareSandbox sandbox;
    @TempDir
    static Path workDir;

    @BeforeAll
    static void setUp() {
        assumeThat(Files.isExecutable(UnshareSandbox.UNSHARE)).as("util-linux unshare").isTrue();
        assumeThat(Privileges.root()).as("basic level drops to a uid of its own only when the worker is root").isTrue();
        sandbox = new UnshareSandbox(workDir, FIRST_UID, 4);
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
    protected Sandbox sandbox() {
        return sandbox;
    }

    @Override
    protected Path runBase() {
        return sandbox.runBase();
    }

    @Override
    protected boolean stops(Gap gap) {
        return false;
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
