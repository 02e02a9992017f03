package io.edgecoder.worker.app;

import io.edgecoder.core.config.ConfigException;
import io.edgecoder.worker.CapabilityReport;
import io.edgecoder.worker.Sandbox;
import io.edgecoder.worker.impl.BubblewrapSandbox;
import io.edgecoder.worker.impl.CapabilityProbe;
import io.edgecoder.worker.impl.ProcessSandbox;
import io.edgecoder.worker.impl.UnshareSandbox;

/**
 * Measures what the machine can enforce and builds the sandbox the configuration asks for:
 * {@code auto} takes the strongest available (bubblewrap with cgroups, bubblewrap alone,
 * unshare, then a plain process), {@code bubblewrap} insists on it, {@code process} is the
 * unprotected level for trusted single-user machines.
 */
public final class SandboxFactory {
    private final WorkerConfig config;
    private final CapabilityProbe probe;
    private final CapabilityReport report;

    /** Blocking: probing starts processes. */
    public SandboxFactory(WorkerConfig config) {
        this.config = config;
        this.probe = new CapabilityProbe(config.sandboxUid());
        this.report = probe.detect();
    }

    /** The {@code edgecoder doctor} report: {@code new SandboxFactory(config).report().render()}. */
    public CapabilityReport report() {
        return report;
    }

    public Sandbox create() {
        return switch (config.sandbox()) {
            case "process" -> new ProcessSandbox(config.workDir());
            case "bubblewrap" -> bubblewrap();
            default -> strongest();
        };
    }

    private Sandbox bubblewrap() {
        if (!report.bubblewrapWorks()) {
            throw new ConfigException("setting '" + WorkerConfig.SANDBOX + "' is 'bubblewrap' but bubblewrap is " + report.bubblewrap()
                + "; install it (apt-get install bubblewrap) or set " + WorkerConfig.SANDBOX + "=auto");
        }
        return new BubblewrapSandbox(config.workDir(), probe.cgroups(), config.sandboxUid(), config.slots(), config.warm(), config.limits());
    }

    private Sandbox strongest() {
        if (report.bubblewrapWorks()) {
            return bubblewrap();
        }
        if (report.networkNamespace()) {
            return new UnshareSandbox(config.workDir(), config.sandboxUid(), config.slots());
        }
        return new ProcessSandbox(config.workDir());
    }
}
