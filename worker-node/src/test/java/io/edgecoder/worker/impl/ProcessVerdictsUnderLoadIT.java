package io.edgecoder.worker.impl;

import io.edgecoder.worker.SandboxFixture;
import io.edgecoder.worker.VerdictsUnderLoad;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Passing tests stay passed under CPU contention at the process level (the supervisor alone). */
class ProcessVerdictsUnderLoadIT extends VerdictsUnderLoad {
    @RegisterExtension
    static final SandboxFixture FIXTURE = Sandboxes.process();

    ProcessVerdictsUnderLoadIT() {
        super(FIXTURE);
    }
}
