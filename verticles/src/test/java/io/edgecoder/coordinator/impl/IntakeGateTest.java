package io.edgecoder.coordinator.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.RetryAfter;
import io.edgecoder.core.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The intake gate on a real Vert.x context: a bound on submissions in progress, a bounded line, refusals before any work. */
class IntakeGateTest {
    private Vertx vertx;
    private Context context;
    private final List<Promise<String>> started = new ArrayList<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void atMostTheBoundRunAtOnceAndTheOthersStartInOrderAsPlacesFree() throws Exception {
        IntakeGate gate = new IntakeGate(vertx, 2, 10, Duration.ofMinutes(1));
        List<Future<String>> results = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            results.add(on(() -> gate.admit(this::work)));
        }

        assertThat(on(() -> started.size())).isEqualTo(2);
        assertThat(on(gate::waiting)).isEqualTo(2);
        on(() -> {
            started.get(0).complete("first");
            return null;
        });
        assertThat(on(() -> started.size())).isEqualTo(3);
        on(() -> {
            started.get(1).complete("second");
            started.get(2).complete("third");
            return null;
        });
        assertThat(on(() -> started.size())).isEqualTo(4);
        on(() -> {
            started.get(3).complete("fourth");
            return null;
        });
        assertThat(value(results.get(0))).isEqualTo("first");
        assertThat(value(results.get(3))).isEqualTo("fourth");
        assertThat(on(gate::running)).isZero();
    }

    @Test
    void aSubmissionThatCannotStartWithinTheWaitIsRefusedWith429AndNeverRuns() throws Exception {
        IntakeGate gate = new IntakeGate(vertx, 1, 10, Duration.ofMillis(200));
        on(() -> gate.admit(this::work));

        Future<String> late = on(() -> gate.admit(this::work));

        MeshException refusal = Await.until("the waiting submission refused", Duration.ofSeconds(30),
            () -> late.failed() ? (MeshException) late.cause() : null, e -> e != null);
        assertThat(refusal.code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(refusal.getMessage()).contains("nothing of this one was recorded").contains("Idempotency-Key");
        assertThat(RetryAfter.seconds(refusal.getMessage())).isPresent();
        assertThat(on(() -> started.size())).as("the refused work never ran").isEqualTo(1);
        assertThat(on(gate::waiting)).isZero();
    }

    @Test
    void aFullLineRefusesAtOnce() throws Exception {
        IntakeGate gate = new IntakeGate(vertx, 1, 1, Duration.ofMinutes(1));
        on(() -> gate.admit(this::work));
        Future<String> waiting = on(() -> gate.admit(this::work));

        Future<String> beyond = on(() -> gate.admit(this::work));

        assertThat(beyond.failed()).isTrue();
        assertThat(((MeshException) beyond.cause()).code()).isEqualTo(ErrorCode.OVERLOADED);
        assertThat(waiting.isComplete()).isFalse();
        assertThat(on(() -> started.size())).isEqualTo(1);
    }

    @Test
    void workThatThrowsOrFailsFreesItsPlace() throws Exception {
        IntakeGate gate = new IntakeGate(vertx, 1, 10, Duration.ofMinutes(1));

        Future<String> thrown = on(() -> gate.admit(() -> {
            throw MeshException.badRequest("title: required");
        }));
        Future<String> next = on(() -> gate.admit(this::work));

        assertThat(thrown.failed()).isTrue();
        assertThat(thrown.cause()).hasMessage("title: required");
        assertThat(on(() -> started.size())).isEqualTo(1);
        on(() -> {
            started.get(0).fail(new IllegalStateException("database gone"));
            return null;
        });
        Future<String> after = on(() -> gate.admit(this::work));
        assertThat(next.failed()).isTrue();
        assertThat(on(() -> started.size())).as("the failure freed the place").isEqualTo(2);
        assertThat(after.isComplete()).isFalse();
    }

    private Future<String> work() {
        Promise<String> p = Promise.promise();
        started.add(p);
        return p.future();
    }

    private <T> T on(Supplier<T> action) throws Exception {
        CompletableFuture<T> out = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                out.complete(action.get());
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out.get(30, TimeUnit.SECONDS);
    }

    private static <T> T value(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
