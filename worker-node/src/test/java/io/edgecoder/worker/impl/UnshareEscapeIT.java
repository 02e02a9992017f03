package io.edgecoder.worker.impl;

import io.edgecoder.worker.EscapeSuite;
import io.edgecoder.worker.SandboxFixture;
import java.util.EnumSet;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Escape and abuse suite against the basic level. Basic has no mount namespace, so it cannot
 * stop writes to world-writable host directories, reads of world-readable host files, or a
 * disk filled with many files each under the per-file limit; everything else it stops.
 */
class UnshareEscapeIT extends EscapeSuite {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.unshare(1_900_200_000, 4)
        .requiring(Privileges::root, "basic level drops to a uid of its own only when the worker is root");

    UnshareEscapeIT() {
        super(FIXTURE, EnumSet.of(Gap.WRITE_WORLD_WRITABLE_HOST_DIR, Gap.READ_WORLD_READABLE_HOST_FILE, Gap.FILL_DISK_ACROSS_FILES));
    }
}
