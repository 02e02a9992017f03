package io.edgecoder.app.bench;

import io.edgecoder.core.JobIntake;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of {@code POST /api/v1/jobs} that retries safely: every job gets one {@code Idempotency-Key},
 * and a 429 (after its Retry-After), a 503, a 504 or a lost connection is answered by sending the same
 * body with the same key again, up to {@value #ATTEMPTS} times. Records each submission's time to its
 * 202 and how many answers were retried, by status.
 */
final class RetryingSubmitter {
    static final int ATTEMPTS = 10;
    private final HttpClient http;
    private final String base;
    private final String token;
    private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> retried = new ConcurrentHashMap<>();
    private final AtomicInteger replayed = new AtomicInteger();

    RetryingSubmitter(HttpClient http, String base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** Submits {@code body} (a JSON job) until it is accepted; the job's id. */
    CompletableFuture<String> submit(String body) {
        long started = System.nanoTime();
        return attempt(body, UUID.randomUUID().toString(), 1).thenApply(id -> {
            nanos.add(System.nanoTime() - started);
            return id;
        });
    }

    private CompletableFuture<String> attempt(String body, String key, int n) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs")).timeout(Duration.ofSeconds(120))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .header(JobIntake.IDEMPOTENCY_HEADER, key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .handle((r, failure) -> outcome(r, failure, body, key, n))
            .thenCompose(f -> f);
    }

    private CompletableFuture<String> outcome(HttpResponse<String> r, Throwable failure, String body, String key, int n) {
        if (r != null && r.statusCode() == 202) {
            JsonObject json = new JsonObject(r.body());
            if (Boolean.TRUE.equals(json.getBoolean("replayed"))) {
                replayed.incrementAndGet();
            }
            return CompletableFuture.completedFuture(json.getString("id"));
        }
        boolean retryable = failure != null ? failure.getCause() instanceof IOException || failure instanceof IOException
            : r.statusCode() == 429 || r.statusCode() == 503 || r.statusCode() == 504;
        String what = failure != null ? "connection" : String.valueOf(r.statusCode());
        if (!retryable || n >= ATTEMPTS) {
            return CompletableFuture.failedFuture(new IllegalStateException("submit failed after " + n + " attempt(s): "
                + (failure != null ? failure : r.statusCode() + " " + r.body())));
        }
        retried.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        long waitSeconds = r == null ? 1 : r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
        Executor later = CompletableFuture.delayedExecutor(waitSeconds, TimeUnit.SECONDS);
        return CompletableFuture.supplyAsync(() -> null, later).thenCompose(v -> attempt(body, key, n + 1));
    }

    /** Submit → 202 times so far (all attempts of a job together). */
    long[] latencies() {
        return nanos.stream().mapToLong(Long::longValue).toArray();
    }

    /** Retried answers by status ({@code connection} for a lost connection), and repeats answered with the first job. */
    String retries() {
        return "retried " + retried + ", answered with the job recorded first (replayed) " + replayed.get();
    }

    void reset() {
        nanos.clear();
        retried.clear();
        replayed.set(0);
    }
}
