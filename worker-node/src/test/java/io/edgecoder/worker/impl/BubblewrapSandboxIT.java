package io.edgecoder.worker.impl;

import io.edgecoder.worker.SandboxContractSuite;
import io.edgecoder.worker.SandboxFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sandbox contract against the strong level: bubblewrap with cgroup limits. */
class BubblewrapSandboxIT extends SandboxContractSuite {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.bubblewrap(1_900_700_000, 8);

    BubblewrapSandboxIT() {
        super(FIXTURE);
    }
}
