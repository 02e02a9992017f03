package io.edgecoder.worker.impl;

import io.edgecoder.worker.impl.Outcome.KillReason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Starts a process, drains its output under the caps, enforces the wall clock, and after it
 * ends kills whatever it left behind so that nothing of the run survives. Shared by every
 * sandbox; they differ only in the command they wrap around the test runner.
 *
 * <p>The verdict must not depend on how fast the output readers are scheduled: the pipes are
 * never closed under a reader. Kills go to the processes (never {@link Process#destroy}, which
 * also closes the pipes), and once the leader has ended and its leftovers are dead, the readers
 * drain the pipes to their end. Only a reader still short of the end at the drain deadline
 * (something outside the run holds the pipe) gives up, and the outcome then says the output is
 * incomplete, which is an infrastructure outcome, never a failed test.
 */
final class Supervisor {
    static final long DRAIN_DEADLINE_MS = 20_000;

    private final Set<Supervised> active = ConcurrentHashMap.newKeySet();
    private final UnaryOperator<InputStream> tap;
    private final Runnable leftoversKilled;
    private final long drainDeadlineMs;

    Supervisor() {
        this(UnaryOperator.identity(), () -> { }, DRAIN_DEADLINE_MS);
    }

    /**
     * For tests that hold the readers back.
     *
     * @param tap wraps each output stream before its reader reads it
     * @param leftoversKilled runs after the leader ended and its leftovers were killed, before the drain
     * @param drainDeadlineMs how long the readers may take to reach the end of the output after that
     */
    Supervisor(UnaryOperator<InputStream> tap, Runnable leftoversKilled, long drainDeadlineMs) {
        this.tap = tap;
        this.leftoversKilled = leftoversKilled;
        this.drainDeadlineMs = drainDeadlineMs;
    }

    Outcome run(Launch launch) {
        long start = System.nanoTime();
        Process process;
        try {
            process = spawn(launch);
        } catch (IOException e) {
            return Outcome.notStarted("could not start " + launch.command().get(0) + ": " + e.getMessage(), elapsedMs(start));
        }
        return supervise(process, launch, start);
    }

    /**
     * Starts a process whose job is not known yet (a pre-started sandbox): nothing reads its
     * output and no clock runs until {@link Started#handOver} gives it its input and timeout.
     */
    Started start(Launch launch) throws IOException {
        return new Started(spawn(launch), launch, this);
    }

    private static Process spawn(Launch launch) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.cwd().toFile());
        builder.environment().clear();
        builder.environment().putAll(launch.env());
        return builder.start();
    }

    private Outcome supervise(Process process, Launch launch, long start) {
        Supervised run = new Supervised(process, launch, this);
        active.add(run);
        try {
            return run.supervise(start);
        } finally {
            active.remove(run);
        }
    }

    /** Kills every run in progress; each ends with {@link KillReason#STOPPED}. */
    void killAll() {
        active.forEach(run -> run.terminate(KillReason.STOPPED));
    }

    int activeRuns() {
        return active.size();
    }

    /**
     * A started process waiting for its job. Until {@link #handOver} it is only the sandbox and
     * its runtime; {@link #discard} kills it as a finished run is killed.
     */
    static final class Started {
        private final Process process;
        private final Launch launch;
        private final Supervisor owner;

        private Started(Process process, Launch launch, Supervisor owner) {
            this.process = process;
            this.launch = launch;
            this.owner = owner;
        }

        /** Reads exactly {@code marker} from standard output; false on anything else or the end of the stream. */
        boolean awaitMarker(byte[] marker) {
            try {
                return java.util.Arrays.equals(process.getInputStream().readNBytes(marker.length), marker);
            } catch (IOException e) {
                return false;
            }
        }

        boolean alive() {
            return process.isAlive();
        }

        /** Feeds {@code stdin} and supervises the process from now on, as {@link Supervisor#run} does with a fresh one. */
        Outcome handOver(byte[] stdin, java.time.Duration timeout) {
            long start = System.nanoTime();
            Launch job = new Launch(launch.command(), launch.env(), launch.cwd(), timeout, launch.limits(), launch.scope(),
                launch.onKill(), launch.contained(), launch.runUid(), stdin);
            return owner.supervise(process, job, start);
        }

        /** Kills the process and everything of it, closes its pipes and waits for it to end. */
        void discard() {
            process.toHandle().destroyForcibly();
            launch.onKill().run();
            if (!launch.contained()) {
                new ProcessTree(process.pid(), launch.scope(), launch.runUid()).killAll();
            }
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
            try {
                process.getOutputStream().close();
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // Already closed: the process is gone or going.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** One supervised process and its kill state. */
    private static final class Supervised {
        private final Process process;
        private final Launch launch;
        private final Supervisor owner;
        private final ProcessTree tree;
        private final AtomicReference<KillReason> reason = new AtomicReference<>(KillReason.NONE);
        private volatile long sampledCpuMs;
        private volatile long sampledPeakBytes;

        Supervised(Process process, Launch launch, Supervisor owner) {
            this.process = process;
            this.launch = launch;
            this.owner = owner;
            this.tree = new ProcessTree(process.pid(), launch.scope(), launch.runUid());
        }

        Outcome supervise(long start) {
            OutputBudget budget = new OutputBudget(launch.limits().maxOutputBytes(), () -> terminate(KillReason.OUTPUT_LIMIT));
            int keep = launch.limits().capturedOutputBytes();
            StreamCapture out = new StreamCapture(owner.tap.apply(process.getInputStream()), keep, budget);
            StreamCapture err = new StreamCapture(owner.tap.apply(process.getErrorStream()), keep, budget);
            Thread outThread = out.start("sandbox-stdout-" + process.pid());
            Thread errThread = err.start("sandbox-stderr-" + process.pid());
            feedStdin();
            int exit = awaitExit();
            long wallMs = elapsedMs(start);
            killEverything();
            owner.leftoversKilled.run();
            boolean complete = drained(outThread, errThread) && out.reachedEnd() && err.reachedEnd();
            return new Outcome(exit, reason.get(), null, wallMs, out.text(), err.text(),
                out.truncated() || err.truncated(), sampledCpuMs, sampledPeakBytes, complete);
        }

        private int awaitExit() {
            try {
                if (!process.waitFor(launch.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    terminate(KillReason.TIMEOUT);
                }
                return process.waitFor();
            } catch (InterruptedException e) {
                terminate(KillReason.STOPPED);
                int exit = awaitUninterruptibly();
                Thread.currentThread().interrupt();
                return exit;
            }
        }

        private int awaitUninterruptibly() {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException again) {
                    // Keep waiting: the tree was killed, the exit is imminent.
                }
            }
        }

        /** Writes the input on its own thread: a pipe holds 64 KiB and the process may never read. */
        private void feedStdin() {
            Thread feeder = new Thread(() -> {
                try (var in = process.getOutputStream()) {
                    in.write(launch.stdin());
                } catch (IOException e) {
                    // The process exited or was killed without reading; its outcome says why.
                }
            }, "sandbox-stdin-" + process.pid());
            feeder.setDaemon(true);
            feeder.start();
        }

        /** Kills the tree once, remembering why and what it had used by then. */
        void terminate(KillReason why) {
            if (!reason.compareAndSet(KillReason.NONE, why)) {
                return;
            }
            if (!launch.contained()) {
                Set<Long> members = tree.members();
                sampledCpuMs = tree.cpuMs(members);
                sampledPeakBytes = tree.peakRssBytes(members);
            }
            killEverything();
        }

        /**
         * Kills the leader (if alive) and everything else of the run, through the process handles
         * and the cgroup; the pipes stay open so that what is in them can still be read.
         */
        private void killEverything() {
            if (process.isAlive()) {
                process.toHandle().destroyForcibly();
            }
            launch.onKill().run();
            if (!launch.contained()) {
                tree.killAll();
            }
        }

        /** Waits, up to the drain deadline, for both readers to reach the end of their streams. */
        private boolean drained(Thread... readers) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(owner.drainDeadlineMs);
            try {
                for (Thread reader : readers) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    reader.join(Math.max(1, left));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean complete = true;
            for (Thread reader : readers) {
                complete &= !reader.isAlive();
            }
            if (!complete) {
                // Something outside the run still holds a pipe: stop reading; the outcome says the output is incomplete.
                closeQuietly(process.getInputStream());
                closeQuietly(process.getErrorStream());
            }
            return complete;
        }
    }
}
