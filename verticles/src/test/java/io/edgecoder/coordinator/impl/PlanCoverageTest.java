package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.PlanReply;
import io.edgecoder.core.message.PlannedSubtask;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCoverageTest {
    private static final List<String> TESTS = List.of("test_a.py", "test_b.py");

    private static PlanReply plan(String... tests) {
        return new PlanReply(Arrays.stream(tests).map(PlannedSubtask::new).toList(), "fake");
    }

    @Test
    void aPlanWithEachTestOnceInAnyOrderIsAccepted() {
        assertThat(PlanCoverage.problem(TESTS, plan("test_b.py", "test_a.py"))).isNull();
    }

    @Test
    void aMissingDuplicateOrForeignFileIsNamed() {
        assertThat(PlanCoverage.problem(TESTS, plan("test_a.py"))).isEqualTo("the plan leaves out test_b.py");
        assertThat(PlanCoverage.problem(TESTS, plan("test_a.py", "test_b.py", "test_a.py")))
            .isEqualTo("the plan plans more than once test_a.py");
        assertThat(PlanCoverage.problem(TESTS, plan("test_a.py", "test_b.py", "calc.py")))
            .isEqualTo("the plan plans files that are not test files of the job calc.py");
        assertThat(PlanCoverage.problem(TESTS, plan("calc.py")))
            .isEqualTo("the plan leaves out test_a.py, test_b.py; plans files that are not test files of the job calc.py");
    }

    @Test
    void anEmptyOrMalformedPlanIsRefused() {
        assertThat(PlanCoverage.problem(TESTS, new PlanReply(List.of(), "fake"))).isEqualTo("the plan has no subtasks");
        assertThat(PlanCoverage.problem(TESTS, new PlanReply(null, "fake"))).isEqualTo("the plan has no subtasks");
        assertThat(PlanCoverage.problem(TESTS, null)).isEqualTo("the plan has no subtasks");
        assertThat(PlanCoverage.problem(TESTS, new PlanReply(Arrays.asList(new PlannedSubtask("test_a.py"), null,
            new PlannedSubtask("test_b.py")), "fake"))).isEqualTo("the plan plans files that are not test files of the job null");
    }
}
