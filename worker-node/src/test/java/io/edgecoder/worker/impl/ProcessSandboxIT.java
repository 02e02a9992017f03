package io.edgecoder.worker.impl;

import io.edgecoder.worker.Sandbox;
import io.edgecoder.worker.JavaSandboxContract;
import io.edgecoder.worker.SandboxContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class ProcessSandboxIT implements SandboxContract, JavaSandboxContract {
    @TempDir
    Path temp;
    private Path workDir;
    private ProcessSandbox sandbox;

    @BeforeEach
    void setUp() {
        workDir = temp.resolve("work");
        sandbox = new ProcessSandbox(workDir);
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    @Override
    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public Path workDir() {
        return workDir;
    }
}
