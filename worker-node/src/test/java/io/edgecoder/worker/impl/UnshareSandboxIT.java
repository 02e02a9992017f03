package io.edgecoder.worker.impl;

import io.edgecoder.worker.SandboxContractSuite;
import io.edgecoder.worker.SandboxFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sandbox contract against the basic level: unshare --net, a uid per run, rlimits. */
class UnshareSandboxIT extends SandboxContractSuite {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.unshare(1_900_800_000, 8);

    UnshareSandboxIT() {
        super(FIXTURE);
    }
}
