package io.edgecoder.portal.accounts;

import io.edgecoder.core.MeshException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs password hashing on its own worker threads (one per core), never on an event loop, and
 * bounds the work waiting: beyond {@link #MAX_WAITING} hashes in flight the request is answered 503
 * at once, so a flood of sign-ins costs bounded memory (each hash holds its Argon2 memory) and time.
 * Unknown emails are checked against a dummy hash of the current parameters, so they take as long.
 */
public final class PasswordWork {
    static final int MAX_WAITING = 256;

    private final PasswordHasher hasher;
    private final WorkerExecutor executor;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final String dummyHash;

    public PasswordWork(Vertx vertx, PasswordHasher hasher) {
        this.hasher = hasher;
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.executor = vertx.createSharedWorkerExecutor("edgecoder-password-hash", threads);
        this.dummyHash = hasher.hash(Secrets.credential("dummy"));
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    public Future<String> hash(String password) {
        return run(() -> hasher.hash(password));
    }

    /** Whether {@code password} matches {@code encoded}; with a null {@code encoded}, checks a dummy hash and answers false. */
    public Future<Boolean> verify(String password, String encoded) {
        return run(() -> {
            if (encoded == null) {
                hasher.verify(password, dummyHash);
                return false;
            }
            return hasher.verify(password, encoded);
        });
    }

    private <T> Future<T> run(Callable<T> work) {
        if (inFlight.incrementAndGet() > MAX_WAITING) {
            inFlight.decrementAndGet();
            return Future.failedFuture(MeshException.unavailable("the portal is busy checking passwords; retry in a few seconds"));
        }
        return executor.executeBlocking(work, false).andThen(done -> inFlight.decrementAndGet());
    }

    public Future<Void> close() {
        return executor.close();
    }
}
