package io.edgecoder.worker.impl;

import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.worker.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Isolation level {@code strong} (with cgroups) or {@code basic} (without): each run gets a uid
 * of its own (when the worker is root, dropped to with setpriv before bubblewrap, since a
 * root-started user namespace maps back to root), rlimits on CPU time, open files, file size
 * and (without a memory cgroup) address space, its own cgroups capping memory and process
 * count, and bubblewrap's namespaces (see {@link BwrapCommand}). The workspace lives only in
 * the sandbox's tmpfs; after the run the cgroup is emptied and removed.
 *
 * <p>With pre-started sandboxes ({@code warm} &gt; 0), Python runs with the pool's limits take a
 * sandbox whose interpreter already started ({@link WarmPool}, {@link WarmLoader}): the same
 * command, uid, cgroup and namespaces as a cold run, made before the job was known and used for
 * that one job only. A warm run that is unsure of its result runs again cold.
 */
public final class BubblewrapSandbox implements Sandbox {
    private static final Logger LOG = LoggerFactory.getLogger(BubblewrapSandbox.class);
    /** Run cgroups are named {@code run-<uid>-<uuid>}, so a restarted worker knows which are its own. */
    private static final Pattern RUN_GROUP = Pattern.compile("run-(\\d+)-[0-9a-f-]+");

    private final Path meterDir;
    private final Optional<CgroupDriver> cgroups;
    private final UidPool uids;
    private final Supervisor supervisor = new Supervisor();
    private final Path scope = Path.of("/nonexistent-edgecoder-scope-" + UUID.randomUUID());
    private final RunLimits warmLimits;
    private final WarmPool warm;

    /**
     * Without pre-started sandboxes.
     *
     * @param workDir where time(1) reports go when no cgroup meters CPU (nothing of the job is written there)
     * @param cgroups the cgroup driver; empty gives level {@code basic}
     * @param uidBase first uid of the pool of {@code concurrentRuns} uids (used only when running as root)
     */
    public BubblewrapSandbox(Path workDir, Optional<CgroupDriver> cgroups, int uidBase, int concurrentRuns) {
        this(workDir, cgroups, uidBase, concurrentRuns, 0, RunLimits.defaults());
    }

    /**
     * With up to {@code warm} pre-started Python sandboxes for runs with {@code warmLimits}; the uid
     * pool then holds {@code concurrentRuns + warm} uids from {@code uidBase}.
     */
    public BubblewrapSandbox(Path workDir, Optional<CgroupDriver> cgroups, int uidBase, int concurrentRuns, int warm, RunLimits warmLimits) {
        this.meterDir = workDir.toAbsolutePath().normalize().resolve("meters");
        this.cgroups = cgroups;
        this.uids = new UidPool(uidBase, concurrentRuns + warm);
        this.warmLimits = warmLimits;
        cgroups.ifPresent(driver -> removeLeftovers(driver, uidBase, concurrentRuns + warm));
        boolean python = warm > 0 && Language.PYTHON.available();
        this.warm = python ? new WarmPool(this::prestart, uids, warm) : null;
        if (python) {
            LOG.info("keeping {} pre-started Python sandbox(es) (uids {}..{} shared with the runs)", warm, uidBase, uidBase + concurrentRuns + warm - 1);
        }
    }

    /**
     * A worker killed with SIGKILL cannot remove its runs' cgroups; at start it removes those of
     * its own uid range (no other worker may use those uids) and says which.
     */
    private static void removeLeftovers(CgroupDriver driver, int uidBase, int count) {
        List<Path> removed = driver.removeLeftovers(name -> ownRunGroup(name, uidBase, count));
        if (!removed.isEmpty()) {
            LOG.info("removed {} cgroup(s) left behind by an earlier run of this worker (uids {}..{}): {}", removed.size(),
                uidBase, uidBase + count - 1, removed);
        }
    }

    static boolean ownRunGroup(String name, int uidBase, int count) {
        Matcher m = RUN_GROUP.matcher(name);
        if (!m.matches() || m.group(1).length() > 10) {
            return false;
        }
        long uid = Long.parseLong(m.group(1));
        return uid >= uidBase && uid < (long) uidBase + count;
    }

    @Override
    public String isolation() {
        return cgroups.isPresent() ? "strong" : "basic";
    }

    @Override
    public RunResult run(RunSpec spec) {
        if (warm != null && WarmLoader.eligible(spec, warmLimits)) {
            Optional<RunResult> result = warm.take().flatMap(p -> runWarm(p, spec));
            if (result.isPresent()) {
                return result.get();
            }
        }
        return RunAdmission.withUid(spec, isolation(), uids, uid -> runCold(uid, spec));
    }

    private Optional<RunResult> runWarm(WarmPool.Prestarted p, RunSpec spec) {
        boolean certain = false;
        try {
            if (Privileges.root() && !WarmLoader.resume(p.run().uid())) {
                return Optional.empty();
            }
            Outcome outcome = p.process().handOver(WarmLoader.frame(spec), spec.timeout());
            RunResult result = p.run().result(spec, outcome);
            certain = !WarmLoader.unsure(outcome, result);
            return certain ? Optional.of(result) : Optional.empty();
        } finally {
            warm.finished(p, certain);
        }
    }

    private RunResult runCold(int uid, RunSpec spec) {
        try (BwrapRun run = BwrapRun.open(uid, spec.limits(), cgroups, meterDir, isolation())) {
            List<String> inner = BwrapCommand.unpackThen(spec.language().testCommand(spec));
            Launch launch = run.launch(spec.language(), spec.limits(), ResultAssembler.cpuSeconds(spec), inner, spec.timeout(),
                TarArchive.of(spec.files()), scope);
            return run.result(spec, supervisor.run(launch));
        } catch (BwrapRun.SetupException e) {
            return RunResult.error(isolation(), e.getMessage(), 0);
        }
    }

    /** A Python sandbox for {@code uid} with the loader waiting for a job (the pool waits for it to say ready). */
    private WarmPool.Prestarted prestart(int uid) throws Exception {
        BwrapRun run = BwrapRun.open(uid, warmLimits, cgroups, meterDir, isolation());
        try {
            Launch launch = run.launch(Language.PYTHON, warmLimits, RunSpec.MAX_TIMEOUT.toSeconds(), WarmLoader.command(),
                RunSpec.MAX_TIMEOUT, new byte[0], scope, Privileges.root());
            return new WarmPool.Prestarted(run, supervisor.start(launch));
        } catch (Exception e) {
            run.close();
            throw e;
        }
    }

    /** Counts of the pre-started sandboxes; empty when there are none. */
    public Optional<String> warmStats() {
        return Optional.ofNullable(warm).map(w -> w.stats().toString());
    }

    /** Uids held by pre-started sandboxes now (their processes are expected on the host). */
    Set<Integer> warmUids() {
        return warm == null ? Set.of() : warm.heldUids();
    }

    WarmPool.Stats warmPoolStats() {
        return warm == null ? new WarmPool.Stats(0, 0, 0, false) : warm.stats();
    }

    @Override
    public void killAll() {
        supervisor.killAll();
    }

    /** Kills the runs in progress and destroys every pre-started sandbox. */
    @Override
    public void close() {
        killAll();
        if (warm != null) {
            warm.close();
        }
    }
}
