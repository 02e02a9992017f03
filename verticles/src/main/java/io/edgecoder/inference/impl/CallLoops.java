package io.edgecoder.inference.impl;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The event loops the inference role's provider calls run on, so that many streams use every core
 * rather than the role's one loop: {@code count} contexts (each of a small verticle deployed with
 * that many instances, so Vert.x gives each its own event loop), handed out in turn. A call and
 * everything of it (its provider connection and line decoding, its {@link ChunkStream}, its
 * {@code CallControl} and timers) stays on the loop it was given; the role's bookkeeping stays on
 * the role's own loop ({@link #onLoop} comes back there). With {@code count} 0 the calls run on the
 * role's loop as before. {@link #next} is called on the role's loop only.
 */
public final class CallLoops {
    private final Context home;
    private final List<Context> loops;
    private int next;

    private CallLoops(Context home, List<Context> loops) {
        this.home = home;
        this.loops = List.copyOf(loops);
    }

    /** No loops of its own: every call runs on {@code home}. */
    public static CallLoops none(Context home) {
        return new CallLoops(home, List.of());
    }

    /**
     * Deploys {@code count} loop holders; called on the role's loop ({@code home}), whose deployment owns
     * them (they are undeployed with it).
     */
    public static Future<CallLoops> deploy(Vertx vertx, Context home, int count) {
        if (count == 0) {
            return Future.succeededFuture(none(home));
        }
        List<Context> contexts = new ArrayList<>();
        return vertx.deployVerticle(() -> new Holder(contexts), new DeploymentOptions().setInstances(count))
            .map(id -> {
                synchronized (contexts) {
                    return new CallLoops(home, contexts);
                }
            });
    }

    /** The loop for the next call ({@code home} when there are none). */
    Context next() {
        if (loops.isEmpty()) {
            return home;
        }
        Context loop = loops.get(next);
        next = (next + 1) % loops.size();
        return loop;
    }

    /** Loops besides the role's own. */
    public int size() {
        return loops.size();
    }

    /** Runs {@code work} on {@code loop}; its outcome is handed back on the role's loop. */
    <T> Future<T> onLoop(Context loop, Supplier<Future<T>> work) {
        if (loop == home) {
            return run(work);
        }
        Promise<T> back = Promise.promise();
        loop.runOnContext(v -> run(work).onComplete(ar -> home.runOnContext(x -> back.handle(ar))));
        return back.future();
    }

    /** Runs {@code action} on {@code loop}. */
    void runOn(Context loop, Runnable action) {
        if (loop == home) {
            action.run();
        } else {
            loop.runOnContext(v -> action.run());
        }
    }

    private static <T> Future<T> run(Supplier<Future<T>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /** Holds one event loop's context for the calls. */
    private static final class Holder extends VerticleBase {
        private final List<Context> contexts;

        Holder(List<Context> contexts) {
            this.contexts = contexts;
        }

        @Override
        public Future<?> start() {
            synchronized (contexts) {
                contexts.add(context);
            }
            return Future.succeededFuture();
        }
    }
}
