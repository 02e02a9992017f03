package io.edgecoder.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this machine lets a worker enforce, measured at start: the isolation level it can
 * announce and, for anything missing, what to install. {@link #render()} is the text of
 * {@code edgecoder doctor}.
 *
 * @param level {@code strong} (namespaces and cgroup limits), {@code basic} (rlimits and no
 *     network) or {@code none}
 * @param bubblewrap bubblewrap's version when it starts a sandbox here, else why not
 * @param cgroups the usable cgroup hierarchy (v1 or v2 with memory and pids), else why not
 * @param runtimes language to runtime version, for the runtimes found
 */
public record CapabilityReport(
    String level,
    boolean root,
    boolean bubblewrapWorks,
    String bubblewrap,
    boolean cgroupsWork,
    String cgroups,
    boolean networkNamespace,
    boolean cpuMeter,
    Map<String, String> runtimes) {

    public CapabilityReport {
        runtimes = Map.copyOf(new TreeMap<>(runtimes));
    }

    /** The level the measured facilities allow. */
    public static String levelOf(boolean bubblewrapWorks, boolean cgroupsWork, boolean networkNamespace) {
        if (bubblewrapWorks && cgroupsWork) {
            return "strong";
        }
        return bubblewrapWorks || networkNamespace ? "basic" : "none";
    }

    /** What to do for a stronger level; empty when the level is already strong. */
    public List<String> advice() {
        List<String> advice = new ArrayList<>();
        if (!bubblewrapWorks) {
            advice.add("install bubblewrap for namespaces (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap)"
                + " and make sure unprivileged user namespaces are enabled (sysctl user.max_user_namespaces > 0)");
        }
        if (!cgroupsWork) {
            advice.add("give the worker cgroup memory and pids controllers: run it as root with cgroup v1 mounted,"
                + " or under systemd with Delegate=yes on cgroup v2");
        }
        if (!networkNamespace && !bubblewrapWorks) {
            advice.add("install util-linux (unshare, setpriv, prlimit) for the basic level");
        }
        if (!cpuMeter) {
            advice.add("install GNU time (apt-get install time) so CPU time is metered without cgroups");
        }
        if (!runtimes.containsKey("python")) {
            advice.add("install Python 3 at /usr/bin/python3 (apt-get install python3) to run Python jobs");
        }
        if (!runtimes.containsKey("javascript")) {
            advice.add("install Node.js at /usr/bin/node (apt-get install nodejs) to run JavaScript jobs");
        }
        if (!runtimes.containsKey("java")) {
            advice.add("optional: install a JDK under /usr (apt-get install openjdk-17-jdk-headless) to run Java jobs");
        }
        return advice;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("isolation level: ").append(level).append('\n');
        out.append("  running as root:      ").append(root ? "yes (runs drop to a uid of their own)" : "no").append('\n');
        out.append("  bubblewrap:           ").append(bubblewrap).append('\n');
        out.append("  cgroups:              ").append(cgroups).append('\n');
        out.append("  network namespace:    ").append(networkNamespace ? "yes (unshare --net)" : "no").append('\n');
        out.append("  CPU metering:         ").append(cgroupsWork || cpuMeter ? "yes" : "only for killed runs").append('\n');
        out.append("runtimes:\n");
        for (Language language : Language.values()) {
            out.append("  ").append(String.format("%-21s", language.id() + ":"))
                .append(runtimes.getOrDefault(language.id(), "missing (" + language.runtime() + ")")).append('\n');
        }
        List<String> advice = advice();
        if (!advice.isEmpty()) {
            out.append("to improve:\n");
            advice.forEach(a -> out.append("  - ").append(a).append('\n'));
        }
        return out.toString();
    }
}
