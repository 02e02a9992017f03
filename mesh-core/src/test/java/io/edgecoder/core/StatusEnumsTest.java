package io.edgecoder.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.message.RunSubtaskReply;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusEnumsTest {
    /** A typed value inside a message, as the shared mapper writes and reads it. */
    record Holder(JobStatus job, SubtaskStatus subtask, HealthStatus health, Isolation isolation) {
    }

    @Test
    void wireNamesAreTheLowerCaseNamesTheDatabaseAndOldNodesUse() {
        assertThat(Arrays.stream(JobStatus.values()).map(JobStatus::wire))
            .containsExactly("queued", "running", "succeeded", "failed", "rejected", "cancelled", "expired");
        assertThat(Arrays.stream(SubtaskStatus.values()).map(SubtaskStatus::wire)).containsExactly("pending", "running",
            "passed", "failed", "error", "timeout", "memory_limit", "output_limit", "killed", "incomplete", "cancelled");
        assertThat(Arrays.stream(HealthStatus.values()).map(HealthStatus::wire)).containsExactly("up", "down", "degraded");
        assertThat(Arrays.stream(Isolation.values()).map(Isolation::id)).containsExactly("none", "process", "basic", "strong");
    }

    @Test
    void theSharedMapperWritesAndReadsWireNames() {
        Holder h = new Holder(JobStatus.CANCELLED, SubtaskStatus.MEMORY_LIMIT, HealthStatus.DEGRADED, Isolation.STRONG);
        JsonObject body = Json.toJson(h);
        assertThat(body.encode())
            .isEqualTo("{\"job\":\"cancelled\",\"subtask\":\"memory_limit\",\"health\":\"degraded\",\"isolation\":\"strong\"}");
        assertThat(Json.fromJson(new JsonObject(body.encode()), Holder.class)).isEqualTo(h);
    }

    @Test
    void anUnknownStatusOnTheWireIsABadRequestNamingTheKnownOnes() {
        JsonObject body = new JsonObject().put("job", "paused");
        assertThatThrownBy(() -> Json.fromJson(body, Holder.class))
            .isInstanceOf(MeshException.class)
            .satisfies(e -> assertThat(((MeshException) e).code()).isEqualTo(ErrorCode.BAD_REQUEST))
            .hasMessageContaining("unknown job status 'paused'")
            .hasMessageContaining("queued, running, succeeded, failed, rejected, cancelled");
    }

    @Test
    void anUnknownIsolationClaimReadsAsNone() {
        assertThat(Json.fromJson(new JsonObject().put("isolation", "total"), Holder.class).isolation()).isEqualTo(Isolation.NONE);
    }

    @Test
    void finalStatesAreTheOnesNeverLeft() {
        assertThat(Arrays.stream(JobStatus.values()).filter(JobStatus::isFinal))
            .containsExactly(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.REJECTED, JobStatus.CANCELLED, JobStatus.EXPIRED);
        assertThat(Arrays.stream(SubtaskStatus.values()).filter(s -> !s.isFinal()))
            .containsExactly(SubtaskStatus.PENDING, SubtaskStatus.RUNNING, SubtaskStatus.INCOMPLETE);
        assertThat(Arrays.stream(SubtaskStatus.values()).filter(SubtaskStatus::saysNothing))
            .containsExactly(SubtaskStatus.ERROR, SubtaskStatus.KILLED, SubtaskStatus.INCOMPLETE);
    }

    @Test
    void recordsKeepStringComponentsAndOfferTypedViews() {
        assertThat(new JobSubmitReply("j", JobStatus.QUEUED, null).status()).isEqualTo("queued");
        assertThat(new JobSubmitReply("j", "rejected", "why").jobStatus()).isEqualTo(JobStatus.REJECTED);
        RoleHealth health = new RoleHealth("ledger", HealthStatus.DOWN, Map.of());
        assertThat(Json.toJson(health).getString("status")).isEqualTo("down");
        assertThat(health.health()).isEqualTo(HealthStatus.DOWN);
        RunSubtaskReply odd = new RunSubtaskReply("w", "exploded", 0, 1, 1, null, "", "", false, "strong", null);
        assertThat(odd.outcome()).isNull();
        assertThat(new RunSubtaskReply("w", "killed", 0, 1, 1, null, "", "", false, "strong", null).outcome())
            .isEqualTo(SubtaskStatus.KILLED);
        JobView view = new JobView("j", "t", "python", "local", "r", "cancelled", false, List.of(), List.of(), null, null, null);
        assertThat(view.jobStatus()).isEqualTo(JobStatus.CANCELLED);
        // typed views are not extra fields on the wire
        assertThat(Json.toJson(view).fieldNames()).doesNotContain("jobStatus");
    }

    @Test
    void parsingIgnoresCaseAndSpacesButNotUnknownNames() {
        assertThat(SubtaskStatus.of(" Output_Limit ")).isEqualTo(SubtaskStatus.OUTPUT_LIMIT);
        assertThat(HealthStatus.of(true)).isEqualTo(HealthStatus.UP);
        assertThatThrownBy(() -> HealthStatus.of((String) null)).hasMessageContaining("unknown health status 'null'");
        assertThatThrownBy(() -> SubtaskStatus.of("x".repeat(500))).hasMessageContaining("...'").hasMessageNotContaining("x".repeat(41));
    }
}
