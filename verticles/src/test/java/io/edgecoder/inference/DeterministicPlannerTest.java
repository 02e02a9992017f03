package io.edgecoder.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.PlanReply;
import io.edgecoder.core.message.PlanRequest;
import io.edgecoder.core.message.PlannedSubtask;
import io.edgecoder.inference.impl.DeterministicPlanner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeterministicPlannerTest {
    private final DeterministicPlanner planner = new DeterministicPlanner();

    @Test
    void makesOneSubtaskPerTestFileInOrder() {
        PlanReply plan = planner.plan(new PlanRequest("j", "python",
            Map.of("a.py", "", "test_b.py", "", "test_a.py", ""), List.of("test_b.py", "test_a.py")));
        assertThat(plan.subtasks()).extracting(PlannedSubtask::test).containsExactly("test_b.py", "test_a.py");
        assertThat(plan.planner()).isEqualTo("deterministic");
    }

    @Test
    void refusesAJobWithoutTests() {
        assertThatThrownBy(() -> planner.plan(new PlanRequest("j", "python", Map.of("a.py", ""), List.of())))
            .isInstanceOf(MeshException.class).hasMessageStartingWith("tests:");
    }

    @Test
    void refusesATestThatIsNotAFile() {
        assertThatThrownBy(() -> planner.plan(new PlanRequest("j", "python", Map.of("a.py", ""), List.of("test_x.py"))))
            .isInstanceOf(MeshException.class).hasMessageContaining("test_x.py");
    }
}
