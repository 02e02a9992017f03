package io.edgecoder.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.RoleHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BusClientTest {
    private Vertx vertx;
    private BusClient bus;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        bus = new BusClient(vertx, Duration.ofMillis(300));
    }

    @AfterEach
    void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static MeshException failureOf(Future<?> f) throws Exception {
        try {
            f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected failure");
        } catch (ExecutionException e) {
            return (MeshException) e.getCause();
        }
    }

    @Test
    void repliesTravelAsRecords() throws Exception {
        bus.consumer("t.ok", HealthRequest.class, r -> Future.succeededFuture(new RoleHealth("x", "up", Map.of())))
            .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        RoleHealth reply = bus.request("t.ok", new HealthRequest(), RoleHealth.class)
            .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo("up");
    }

    @Test
    void meshFailuresKeepTheirCodeAndMessage() throws Exception {
        bus.consumer("t.fail", HealthRequest.class, r -> Future.failedFuture(MeshException.notFound("job x not found")))
            .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        MeshException e = failureOf(bus.request("t.fail", new HealthRequest(), RoleHealth.class));
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("job x not found");
    }

    @Test
    void unexpectedFailuresBecomeInternalWithoutDetails() throws Exception {
        bus.consumer("t.boom", HealthRequest.class, r -> {
            throw new IllegalStateException("secret detail");
        }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        MeshException e = failureOf(bus.request("t.boom", new HealthRequest(), RoleHealth.class));
        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(e.getMessage()).doesNotContain("secret").startsWith("internal error (ref ");
    }

    @Test
    void missingHandlerAndTimeoutAreUnavailable() throws Exception {
        MeshException nobody = failureOf(bus.request("t.nobody", new HealthRequest(), RoleHealth.class));
        assertThat(nobody.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(nobody.noHandler()).isTrue();
        bus.consumer("t.slow", HealthRequest.class, r -> Future.future(p -> { }))
            .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        MeshException timeout = failureOf(bus.request("t.slow", new HealthRequest(), RoleHealth.class));
        assertThat(timeout.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(timeout.code().retryable()).isTrue();
        assertThat(timeout.noHandler()).isFalse();
    }
}
