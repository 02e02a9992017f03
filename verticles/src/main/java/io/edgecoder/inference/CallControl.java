package io.edgecoder.inference;

import io.edgecoder.core.MeshException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops one provider call: the caller went away ({@link #cancel()}), or the call ran out of time
 * ({@link #abort(MeshException)}). Used on one event loop only.
 */
public final class CallControl {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean stopped;
    private MeshException failure;

    /** Runs {@code action} when the call is stopped (at once if it already is). */
    public void onStop(Runnable action) {
        if (stopped) {
            action.run();
        } else {
            actions.add(action);
        }
    }

    /** The caller went away: the call ends as {@code cancelled}. */
    public void cancel() {
        stop(null);
    }

    /** The call must end failed with {@code reason}. */
    public void abort(MeshException reason) {
        stop(reason);
    }

    private void stop(MeshException reason) {
        if (stopped) {
            return;
        }
        stopped = true;
        failure = reason;
        List<Runnable> run = List.copyOf(actions);
        actions.clear();
        run.forEach(Runnable::run);
    }

    public boolean stopped() {
        return stopped;
    }

    /** Why the call was stopped: null when the caller cancelled (or it was not stopped). */
    public MeshException failure() {
        return failure;
    }
}
