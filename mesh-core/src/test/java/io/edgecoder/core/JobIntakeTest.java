package io.edgecoder.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.message.JobSubmitRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobIntakeTest {

    @Test
    void aUuidOrAnyShortTokenOfTheAllowedCharactersIsAKey() {
        assertThat(JobIntake.checkKey("5b0c6f5e-8d1a-4c1e-9a51-0c2a3f4b5d6e", "Idempotency-Key"))
            .isEqualTo("5b0c6f5e-8d1a-4c1e-9a51-0c2a3f4b5d6e");
        assertThat(JobIntake.checkKey("order:42.retry_A", "k")).isEqualTo("order:42.retry_A");
        assertThat(JobIntake.checkKey("x".repeat(JobIntake.MAX_KEY_LENGTH), "k")).hasSize(JobIntake.MAX_KEY_LENGTH);
        assertThat(JobIntake.checkKey(null, "k")).isNull();
    }

    @Test
    void aKeyTooLongEmptyOrWithOtherCharactersIsA400NamingTheHeader() {
        for (String bad : List.of("", "x".repeat(JobIntake.MAX_KEY_LENGTH + 1), "a b", "a/b", "key\n", "ключ", "a\"b", "%41")) {
            assertThatThrownBy(() -> JobIntake.checkKey(bad, "Idempotency-Key"))
                .isInstanceOfSatisfying(MeshException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).startsWith("Idempotency-Key: ");
                });
        }
    }

    @Test
    void validationKeepsAGoodKeyAndRefusesABadOneNamingTheField() {
        JobSubmitRequest job = new JobSubmitRequest("t", "python", Map.of("test_a.py", ""), List.of("test_a.py"), null, 5,
            "alice", null);

        assertThat(JobSpecs.validate(job.withIdempotencyKey("k-1")).idempotencyKey()).isEqualTo("k-1");
        assertThat(JobSpecs.validate(job).idempotencyKey()).isNull();
        assertThatThrownBy(() -> JobSpecs.validate(job.withIdempotencyKey("no spaces")))
            .hasMessageStartingWith("idempotencyKey: ");
    }

    @Test
    void theKeyTravelsThroughEveryCopyOfTheRequest() {
        JobSubmitRequest job = new JobSubmitRequest("t", "python", Map.of("test_a.py", ""), List.of("test_a.py"), null, 5,
            "alice", null).withIdempotencyKey("k");

        assertThat(job.forRequester("bob", null).idempotencyKey()).isEqualTo("k");
        assertThat(job.withSchedule(3, null).idempotencyKey()).isEqualTo("k");
        assertThat(job.withFiles(Map.of("test_a.py", "x")).idempotencyKey()).isEqualTo("k");
    }

    @Test
    void aSubmissionIsAwaitedFourBusTimeouts() {
        assertThat(JobIntake.submitTimeout(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(40));
    }
}
