package io.edgecoder.worker.impl;

import io.edgecoder.core.message.TestReport;
import io.edgecoder.worker.RunResult;
import io.edgecoder.worker.RunSpec;
import io.edgecoder.core.SubtaskStatus;
import java.util.Optional;

/** Builds the {@link RunResult} of a finished run from the supervisor's outcome and the sandbox's meters. */
final class ResultAssembler {
    private ResultAssembler() {
    }

    /** Resource figures the sandbox measured (cgroup, time report or the kill-time sample). */
    record Meters(long cpuMs, Long peakBytes, boolean memoryHit, boolean cpuLimitHit) {
    }

    static RunResult assemble(RunSpec spec, Outcome outcome, Meters meters, String isolation) {
        if (outcome.startError() != null) {
            return RunResult.error(isolation, outcome.startError(), outcome.wallMs());
        }
        TestReport report = TestOutputParser.parse(spec.language(), outcome.stdout(), outcome.stderr(), spec.test(), outcome.exitCode());
        boolean summary = TestOutputParser.hasSummary(spec.language(), outcome.stdout(), outcome.stderr());
        SubtaskStatus status = Verdicts.status(outcome, report, summary, meters.memoryHit(), meters.cpuLimitHit());
        String stderr = outcome.stderr() + Verdicts.note(report, outcome, status, spec.timeout().toMillis());
        return new RunResult(status, outcome.exitCode(), outcome.wallMs(), meters.cpuMs(), meters.peakBytes(),
            outcome.stdout(), stderr, outcome.truncated(), isolation, report);
    }

    /**
     * Meters without a cgroup: time(1)'s report where it wrote one, else what the supervisor
     * sampled when it killed the run (no peak when it sampled none).
     */
    static Meters meters(RunSpec spec, Outcome outcome, Optional<TimeReport> time) {
        long cpuMs = time.map(TimeReport::cpuMs).orElse(outcome.sampledCpuMs());
        Long peak = time.map(TimeReport::peakBytes).orElse(outcome.sampledPeakBytes() > 0 ? outcome.sampledPeakBytes() : null);
        return new Meters(cpuMs, peak, false, cpuLimitHit(spec, cpuMs));
    }

    /** Whether the run used up the CPU its rlimit allows (less a 20 ms margin). */
    static boolean cpuLimitHit(RunSpec spec, long cpuMs) {
        return cpuMs >= cpuSeconds(spec) * 1000 - 20;
    }

    /** CPU seconds allowed per process: the wall-clock timeout, rounded up. */
    static long cpuSeconds(RunSpec spec) {
        return Math.max(1, (spec.timeout().toMillis() + 999) / 1000);
    }
}
