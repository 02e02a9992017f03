package io.edgecoder.worker.impl;

import io.edgecoder.worker.Language;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.worker.Sandbox;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
 * <p>With pre-started sandboxes ({@code warm} &gt; 0), Python and JavaScript runs with the pools' limits take a
 * sandbox of their language whose runtime already started ({@link WarmPool}, {@link WarmLoader}): the same
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
    /** Languages with pre-started sandboxes: each holds {@code warm} uids of the pool besides the slots' own. */
    public static final int WARM_LANGUAGES = WarmLoader.LANGUAGE_COUNT;
    private final RunLimits warmLimits;
    private final Map<Language, WarmPool> warm = new EnumMap<>(Language.class);

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
     * With up to {@code warm} pre-started sandboxes per language that has them ({@link WarmLoader#LANGUAGES}:
     * Python and JavaScript, where the runtime is installed) for runs with {@code warmLimits}; the uid
     * pool then holds {@code concurrentRuns + warm * }{@value WarmLoader#LANGUAGE_COUNT} uids from {@code uidBase}.
     */
    public BubblewrapSandbox(Path workDir, Optional<CgroupDriver> cgroups, int uidBase, int concurrentRuns, int warm, RunLimits warmLimits) {
        this.meterDir = workDir.toAbsolutePath().normalize().resolve("meters");
        this.cgroups = cgroups;
        int uidCount = concurrentRuns + warm * WarmLoader.LANGUAGE_COUNT;
        this.uids = new UidPool(uidBase, uidCount);
        this.warmLimits = warmLimits;
        cgroups.ifPresent(driver -> removeLeftovers(driver, uidBase, uidCount));
        for (Language language : warm > 0 ? WarmLoader.LANGUAGES : List.<Language>of()) {
            if (language.available()) {
                this.warm.put(language, new WarmPool(new WarmStarter(language), uids, warm));
                LOG.info("keeping {} pre-started {} sandbox(es) (uids {}..{} shared with the runs)", warm, language.id(), uidBase,
                    uidBase + uidCount - 1);
            }
        }
    }

    /** Starts the pre-started sandboxes of one language. */
    private final class WarmStarter implements WarmPool.Starter {
        private final Language language;

        WarmStarter(Language language) {
            this.language = language;
        }

        @Override
        public WarmPool.Prestarted start(int uid) throws Exception {
            return prestart(language, uid, Privileges.root());
        }

        @Override
        public WarmPool.Prestarted start(int uid, boolean idle) throws Exception {
            return prestart(language, uid, idle && Privileges.root());
        }

        @Override
        public boolean readied(WarmPool.Prestarted p) {
            // Started at the idle priority (its start-up competes with nothing); it waits and runs at the worker's.
            return !p.idle() || WarmLoader.resume(p.run().uid());
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
        WarmPool pool = warm.get(spec.language());
        if (pool != null && WarmLoader.eligible(spec, warmLimits)) {
            Optional<RunResult> result = pool.take().flatMap(p -> runWarm(pool, p, spec));
            if (result.isPresent()) {
                return result.get();
            }
        }
        return RunAdmission.withUid(spec, isolation(), uids, uid -> runCold(uid, spec));
    }

    private Optional<RunResult> runWarm(WarmPool pool, WarmPool.Prestarted p, RunSpec spec) {
        boolean certain = false;
        try {
            Outcome outcome = p.process().handOver(WarmLoader.frame(spec), spec.timeout());
            RunResult result = p.run().result(spec, outcome);
            certain = !WarmLoader.unsure(outcome, result);
            return certain ? Optional.of(result) : Optional.empty();
        } finally {
            pool.finished(p, certain);
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

    /** A sandbox for {@code uid} with the language's loader waiting for a job (the pool waits for it to say ready). */
    private WarmPool.Prestarted prestart(Language language, int uid, boolean idle) throws Exception {
        BwrapRun run = BwrapRun.open(uid, warmLimits, cgroups, meterDir, isolation());
        try {
            Launch launch = run.launch(language, warmLimits, RunSpec.MAX_TIMEOUT.toSeconds(), WarmLoader.command(language),
                RunSpec.MAX_TIMEOUT, new byte[0], scope, idle);
            return new WarmPool.Prestarted(run, supervisor.start(launch), idle);
        } catch (Exception e) {
            run.close();
            throw e;
        }
    }

    /** Counts of the pre-started sandboxes per language; empty when there are none. */
    public Optional<String> warmStats() {
        return warm.isEmpty() ? Optional.empty() : Optional.of(warm.entrySet().stream()
            .map(e -> e.getKey().id() + " " + e.getValue().stats()).collect(Collectors.joining(", ")));
    }

    /** Uids held by pre-started sandboxes now (their processes are expected on the host). */
    Set<Integer> warmUids() {
        Set<Integer> held = new java.util.HashSet<>();
        warm.values().forEach(w -> held.addAll(w.heldUids()));
        return held;
    }

    /** The counts of every language's pool together (enabled: every pool is). */
    WarmPool.Stats warmPoolStats() {
        return warm.values().stream().map(WarmPool::stats).reduce((a, b) -> new WarmPool.Stats(a.ready() + b.ready(),
            a.served() + b.served(), a.fellBack() + b.fellBack(), a.enabled() && b.enabled()))
            .orElse(new WarmPool.Stats(0, 0, 0, false));
    }

    WarmPool.Stats warmPoolStats(Language language) {
        WarmPool pool = warm.get(language);
        return pool == null ? new WarmPool.Stats(0, 0, 0, false) : pool.stats();
    }

    /** The languages that have pre-started sandboxes here. */
    Set<Language> warmLanguages() {
        return Set.copyOf(warm.keySet());
    }

    @Override
    public void killAll() {
        supervisor.killAll();
    }

    /** Kills the runs in progress and destroys every pre-started sandbox. */
    @Override
    public void close() {
        killAll();
        warm.values().forEach(WarmPool::close);
    }
}
