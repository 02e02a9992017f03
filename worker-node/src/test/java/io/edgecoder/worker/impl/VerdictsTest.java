package io.edgecoder.worker.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.worker.impl.Outcome.KillReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {
    private static final TestReport ONE_PASSED = new TestReport(1, 1, 0, 0, List.of());
    private static final TestReport ONE_FAILED = new TestReport(1, 0, 1, 0, List.of("t.C.test_x"));
    private static final TestReport NOTHING_RAN = new TestReport(0, 0, 0, 0, List.of("t.py"));

    @Test
    void cleanExitWithTestsRunIsPassed() {
        assertThat(Verdicts.status(exited(0), ONE_PASSED, false, false)).isEqualTo(SubtaskStatus.PASSED);
    }

    @Test
    void cleanExitWithoutAnyTestIsFailed() {
        assertThat(Verdicts.status(exited(0), NOTHING_RAN, false, false)).isEqualTo(SubtaskStatus.FAILED);
    }

    @Test
    void supervisorKillsWinOverEverythingElse() {
        assertThat(Verdicts.status(killed(KillReason.TIMEOUT), ONE_FAILED, true, false)).isEqualTo(SubtaskStatus.TIMEOUT);
        assertThat(Verdicts.status(killed(KillReason.OUTPUT_LIMIT), ONE_FAILED, false, false)).isEqualTo(SubtaskStatus.OUTPUT_LIMIT);
        assertThat(Verdicts.status(killed(KillReason.STOPPED), ONE_PASSED, false, false)).isEqualTo(SubtaskStatus.KILLED);
    }

    @Test
    void oomKillIsMemoryLimitAndCpuSignalsAreTimeouts() {
        assertThat(Verdicts.status(exited(137), NOTHING_RAN, true, false)).isEqualTo(SubtaskStatus.MEMORY_LIMIT);
        assertThat(Verdicts.status(exited(128 + Verdicts.SIGXCPU), NOTHING_RAN, false, false)).isEqualTo(SubtaskStatus.TIMEOUT);
        assertThat(Verdicts.status(exited(137), NOTHING_RAN, false, true)).isEqualTo(SubtaskStatus.TIMEOUT);
        assertThat(Verdicts.status(exited(139), NOTHING_RAN, false, false)).isEqualTo(SubtaskStatus.KILLED);
    }

    @Test
    void anOrdinaryNonZeroExitIsFailed() {
        assertThat(Verdicts.status(exited(1), ONE_FAILED, false, false)).isEqualTo(SubtaskStatus.FAILED);
    }

    @Test
    void aJvmOutOfHeapOrUnableToReserveItIsMemoryLimit() {
        Outcome heap = new Outcome(1, KillReason.NONE, null, 10, "",
            "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n", false, 0, 0);
        Outcome reserve = new Outcome(1, KillReason.NONE, null, 10, "",
            "Error occurred during initialization of VM\nCould not reserve enough space for 131072KB object heap\n", false, 0, 0);

        assertThat(Verdicts.status(heap, ONE_FAILED, false, false)).isEqualTo(SubtaskStatus.MEMORY_LIMIT);
        assertThat(Verdicts.status(reserve, ONE_FAILED, false, false)).isEqualTo(SubtaskStatus.MEMORY_LIMIT);
    }

    @Test
    void outputNotReadToItsEndIsIncompleteNeverFailed() {
        Outcome cut = new Outcome(0, KillReason.NONE, null, 10, "", "test_add (t.T.test_add) ... ", false, 0, 0, false);
        Outcome cutAfterFailure = new Outcome(1, KillReason.NONE, null, 10, "", "", false, 0, 0, false);

        assertThat(Verdicts.status(cut, NOTHING_RAN, false, false, false)).isEqualTo(SubtaskStatus.INCOMPLETE);
        assertThat(Verdicts.status(cutAfterFailure, ONE_FAILED, true, false, false)).isEqualTo(SubtaskStatus.INCOMPLETE);
        assertThat(Verdicts.note(NOTHING_RAN, cut, SubtaskStatus.INCOMPLETE, 1000)).contains("could not be read to its end");
    }

    @Test
    void cleanExitWithoutTheRunnersSummaryIsIncompleteButAWholeReportOfNoTestsIsFailed() {
        assertThat(Verdicts.status(exited(0), NOTHING_RAN, false, false, false)).isEqualTo(SubtaskStatus.INCOMPLETE);
        assertThat(Verdicts.status(exited(0), NOTHING_RAN, true, false, false)).isEqualTo(SubtaskStatus.FAILED);
        assertThat(Verdicts.status(exited(1), NOTHING_RAN, false, false, false)).isEqualTo(SubtaskStatus.FAILED);
    }

    @Test
    void killsStillWinOverAnIncompleteOutput() {
        Outcome timedOut = new Outcome(137, KillReason.TIMEOUT, null, 10, "", "", false, 0, 0, false);

        assertThat(Verdicts.status(timedOut, NOTHING_RAN, false, false, false)).isEqualTo(SubtaskStatus.TIMEOUT);
    }

    @Test
    void neverStartedIsError() {
        assertThat(Verdicts.status(Outcome.notStarted("no such file", 1), NOTHING_RAN, false, false)).isEqualTo(SubtaskStatus.ERROR);
    }

    private static Outcome exited(int code) {
        return new Outcome(code, KillReason.NONE, null, 10, "", "", false, 0, 0);
    }

    private static Outcome killed(KillReason reason) {
        return new Outcome(137, reason, null, 10, "", "", false, 0, 0);
    }
}
