package io.edgecoder.app;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.config.Settings;
import io.edgecoder.worker.CapabilityReport;
import io.edgecoder.worker.app.SandboxFactory;
import io.edgecoder.worker.app.WorkerConfig;

/**
 * {@code edgecoder doctor}: measures what this machine can enforce for sandboxed runs (the
 * same probe a worker runs at start), prints the isolation level a worker would announce and
 * which packages would make it stronger. Exit code 0 when the level is strong, 1 otherwise.
 */
final class Doctor {
    private Doctor() {
    }

    static int run(Settings settings) {
        CapabilityReport report = new SandboxFactory(WorkerConfig.from(settings, NodeIdentity.ephemeral())).report();
        System.out.print(report.render());
        return "strong".equals(report.level()) ? 0 : 1;
    }
}
