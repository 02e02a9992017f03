package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.SubsetViolation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestrictedCheckTest {
    @Test
    void refusalIsAPolicyRejectionNamingFileLineAndConstruct() {
        MeshException e = RestrictedCheck.refused(List.of(
            new SubsetViolation("test_a.py", 3, 1, "import:subprocess", "runs processes")));
        assertThat(e.code()).isEqualTo(ErrorCode.POLICY_REJECTED);
        assertThat(e.getMessage()).isEqualTo("restricted: 1 refused construct(s): test_a.py:3:1 import:subprocess: runs processes");
    }

    @Test
    void longListsAreCutWithACount() {
        List<SubsetViolation> many = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            many.add(new SubsetViolation("a.js", i, 1, "name:eval", "dynamic evaluation"));
        }
        String message = RestrictedCheck.refused(many).getMessage();
        assertThat(message).startsWith("restricted: 25 refused construct(s): a.js:1:1 name:eval")
            .contains("a.js:20:1").doesNotContain("a.js:21:1").endsWith("and 5 more");
    }
}
