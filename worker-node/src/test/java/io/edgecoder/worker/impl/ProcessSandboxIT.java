package io.edgecoder.worker.impl;

import io.edgecoder.worker.SandboxContractSuite;
import io.edgecoder.worker.SandboxFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sandbox contract against the process level: the worker's own user, rlimits, a fresh workspace. */
class ProcessSandboxIT extends SandboxContractSuite {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.process();

    ProcessSandboxIT() {
        super(FIXTURE);
    }
}
