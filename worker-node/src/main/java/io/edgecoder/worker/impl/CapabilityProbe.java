package io.edgecoder.worker.impl;

import io.edgecoder.worker.CapabilityReport;
import io.edgecoder.worker.Language;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Measures what this machine can enforce by trying it: starts a real bubblewrap sandbox as the
 * sandbox uid, creates and removes a cgroup, enters a network namespace, asks each runtime for
 * its version. Blocking (it starts processes); run it off the event loop.
 */
public final class CapabilityProbe {
    private final int uid;
    private Optional<CgroupDriver> cgroups = Optional.empty();

    public CapabilityProbe(int uid) {
        this.uid = uid;
    }

    public CapabilityReport detect() {
        cgroups = Privileges.root() ? CgroupDriver.detect() : Optional.empty();
        Optional<String> bwrapFailure = bubblewrapFailure();
        boolean bwrap = bwrapFailure.isEmpty();
        boolean netns = Files.isExecutable(UnshareSandbox.UNSHARE) && Files.isExecutable(Privileges.SETPRIV) && succeeds(unshareProbe());
        Map<String, String> runtimes = new HashMap<>();
        for (Language language : Language.values()) {
            version(language).ifPresent(v -> runtimes.put(language.id(), v));
        }
        String cgroupText = cgroups.map(d -> d.version() + " (memory, pids)")
            .orElse(Privileges.root() ? CgroupDriver.explainMissing() : "not used: the worker is not root");
        return new CapabilityReport(CapabilityReport.levelOf(bwrap, cgroups.isPresent(), netns), Privileges.root(), bwrap,
            bwrap ? "working (" + output(List.of(BwrapCommand.BWRAP.toString(), "--version")).trim() + ")" : bwrapFailure.get(),
            cgroups.isPresent(), cgroupText, netns, TimeReport.available(), runtimes);
    }

    /** The cgroup driver found by the last {@link #detect()}. */
    public Optional<CgroupDriver> cgroups() {
        return cgroups;
    }

    private Optional<String> bubblewrapFailure() {
        if (!Files.isExecutable(BwrapCommand.BWRAP)) {
            return Optional.of("missing (" + BwrapCommand.BWRAP + ")");
        }
        List<String> cmd = new ArrayList<>();
        if (Privileges.root()) {
            cmd.addAll(Privileges.dropTo(uid));
        }
        cmd.addAll(BwrapCommand.sandbox(1024 * 1024));
        cmd.add("/usr/bin/true");
        return succeeds(cmd) ? Optional.empty()
            : Optional.of("installed but cannot start a sandbox: " + output(cmd).trim() + " (are user namespaces enabled?)");
    }

    private List<String> unshareProbe() {
        List<String> cmd = new ArrayList<>(Privileges.root() ? List.of(UnshareSandbox.UNSHARE.toString(), "--net", "--")
            : List.of(UnshareSandbox.UNSHARE.toString(), "--user", "--map-current-user", "--net", "--"));
        cmd.add("/usr/bin/true");
        return cmd;
    }

    private static Optional<String> version(Language language) {
        if (!language.available()) {
            return Optional.empty();
        }
        if (language == Language.JAVA) {
            return Jdk.installed().map(jdk -> jdk.version() + " (" + jdk.home() + ")");
        }
        String v = output(List.of(language.runtime().toString(), "--version")).trim();
        return Optional.of(v.isEmpty() ? "present" : v + " (" + language.runtime() + ")");
    }

    private static boolean succeeds(List<String> cmd) {
        return run(cmd).map(r -> r.exit == 0).orElse(false);
    }

    private static String output(List<String> cmd) {
        return run(cmd).map(r -> r.output).orElse("");
    }

    private record Result(int exit, String output) {
    }

    private static Optional<Result> run(List<String> cmd) {
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            Process p = builder.start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
