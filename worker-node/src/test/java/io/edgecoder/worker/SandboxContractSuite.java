package io.edgecoder.worker;

import java.nio.file.Path;

/** Both sandbox contracts, run against the sandbox of the subclass's {@link SandboxFixture}. */
public abstract class SandboxContractSuite implements SandboxContract, JavaSandboxContract {
    private final SandboxFixture fixture;

    protected SandboxContractSuite(SandboxFixture fixture) {
        this.fixture = fixture;
    }

    @Override
    public Sandbox sandbox() {
        return fixture.sandbox();
    }

    /** The host directory the sandbox works in, which must hold nothing of a finished run. */
    @Override
    public Path workDir() {
        return fixture.workDir();
    }
}
