package io.edgecoder.worker.impl;

import io.edgecoder.worker.SandboxFixture;
import io.edgecoder.worker.VerdictsUnderLoad;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Passing tests stay passed under CPU contention at the strong level. */
class BubblewrapVerdictsUnderLoadIT extends VerdictsUnderLoad {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.bubblewrap(1_901_100_000, 4);

    BubblewrapVerdictsUnderLoadIT() {
        super(FIXTURE);
    }
}
