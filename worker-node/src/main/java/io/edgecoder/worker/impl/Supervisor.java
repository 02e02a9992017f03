package io.edgecoder.worker.impl;

import io.edgecoder.worker.impl.Outcome.KillReason;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts a process, drains its output under the caps, enforces the wall clock, and after it
 * ends kills whatever it left behind so that nothing of the run survives. Shared by every
 * sandbox; they differ only in the command they wrap around the test runner.
 */
final class Supervisor {
    private static final long DRAIN_GRACE_MS = 5_000;

    private final Set<Supervised> active = ConcurrentHashMap.newKeySet();

    Outcome run(Launch launch) {
        long start = System.nanoTime();
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.cwd().toFile());
            builder.environment().clear();
            builder.environment().putAll(launch.env());
            process = builder.start();
        } catch (IOException e) {
            return Outcome.notStarted("could not start " + launch.command().get(0) + ": " + e.getMessage(), elapsedMs(start));
        }
        Supervised run = new Supervised(process, launch);
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

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** One supervised process and its kill state. */
    private static final class Supervised {
        private final Process process;
        private final Launch launch;
        private final ProcessTree tree;
        private final AtomicReference<KillReason> reason = new AtomicReference<>(KillReason.NONE);
        private volatile long sampledCpuMs;
        private volatile long sampledPeakBytes;

        Supervised(Process process, Launch launch) {
            this.process = process;
            this.launch = launch;
            this.tree = new ProcessTree(process.pid(), launch.scope(), launch.runUid());
        }

        Outcome supervise(long start) {
            OutputBudget budget = new OutputBudget(launch.limits().maxOutputBytes(), () -> terminate(KillReason.OUTPUT_LIMIT));
            int keep = launch.limits().capturedOutputBytes();
            StreamCapture out = new StreamCapture(process.getInputStream(), keep, budget);
            StreamCapture err = new StreamCapture(process.getErrorStream(), keep, budget);
            Thread outThread = out.start("sandbox-stdout-" + process.pid());
            Thread errThread = err.start("sandbox-stderr-" + process.pid());
            feedStdin();
            int exit = awaitExit();
            long wallMs = elapsedMs(start);
            sweep();
            join(outThread);
            join(errThread);
            return new Outcome(exit, reason.get(), null, wallMs, out.text(), err.text(),
                out.truncated() || err.truncated(), sampledCpuMs, sampledPeakBytes);
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

        /** Leftovers (background children, double forks) die even when the leader exited by itself. */
        private void sweep() {
            killEverything();
        }

        private void killEverything() {
            process.destroyForcibly();
            launch.onKill().run();
            if (!launch.contained()) {
                tree.killAll();
            }
        }

        private void join(Thread reader) {
            try {
                reader.join(DRAIN_GRACE_MS);
                if (reader.isAlive()) {
                    // Something outside the tree still holds the pipe; the output so far stands.
                    reader.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
