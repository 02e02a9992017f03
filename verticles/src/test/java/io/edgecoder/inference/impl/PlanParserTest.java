package io.edgecoder.inference.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.message.PlannedSubtask;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanParserTest {
    private static final List<String> TESTS = List.of("test_a.py", "test_b.py", "test_c.py");

    @Test
    void readsThePlanInTheModelsOrderEvenInsideAFence() {
        String answer = "Here is the plan:\n```json\n{\"subtasks\": [{\"test\": \"test_c.py\", \"reason\": \"basics\"},"
            + " {\"test\": \"test_a.py\"}, {\"test\": \"test_b.py\"}]}\n```";
        assertThat(PlanParser.parse(answer, TESTS)).extracting(PlannedSubtask::test)
            .containsExactly("test_c.py", "test_a.py", "test_b.py");
    }

    @Test
    void refusesPlansThatDoNotCoverEveryTestExactlyOnce() {
        refused("{\"subtasks\": [{\"test\": \"test_a.py\"}, {\"test\": \"test_b.py\"}]}", "2 subtasks for 3");
        refused("{\"subtasks\": [{\"test\": \"test_a.py\"}, {\"test\": \"test_a.py\"}, {\"test\": \"test_b.py\"}]}", "twice");
        refused("{\"subtasks\": [{\"test\": \"test_a.py\"}, {\"test\": \"test_b.py\"}, {\"test\": \"../etc/passwd\"}]}", "no test file");
        refused("{\"subtasks\": [\"test_a.py\", \"test_b.py\", \"test_c.py\"]}", "no test file");
    }

    @Test
    void refusesAnswersThatAreNotABoundedPlan() {
        refused("", "empty");
        refused("I cannot help with that.", "no JSON object");
        refused("{\"subtasks\": [ {\"test\": }", "not valid JSON");
        refused("{\"plan\": []}", "no 'subtasks'");
        refused("{\"subtasks\": []}" + " ".repeat(PlanParser.MAX_ANSWER), "longer than");
        refused("{\"subtasks\": [{\"test\": \"test_a.py\", \"reason\": \"" + "x".repeat(201) + "\"}, {\"test\": \"test_b.py\"},"
            + " {\"test\": \"test_c.py\"}]}", "reason longer");
    }

    private static void refused(String answer, String why) {
        assertThatThrownBy(() -> PlanParser.parse(answer, TESTS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }
}
