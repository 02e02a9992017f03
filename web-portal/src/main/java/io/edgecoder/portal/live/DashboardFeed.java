package io.edgecoder.portal.live;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.address.PortalAddresses;
import io.edgecoder.core.message.CheckpointListReply;
import io.edgecoder.core.message.CheckpointListRequest;
import io.edgecoder.core.message.CheckpointView;
import io.edgecoder.core.message.DashboardSample;
import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The operations dashboard's figures: every {@value #EVERY_MS} ms a sample of the capacity table,
 * the ledger's latest checkpoint and the jobs this portal saw end (from the job events), published
 * local only on {@link PortalAddresses#DASHBOARD} and kept for an hour for the chart.
 */
public final class DashboardFeed {
    static final long EVERY_MS = 2_000;
    static final int KEPT = 1_800;

    private final Vertx vertx;
    private final BusClient bus;
    private final Clock clock;
    private final JobTally tally;
    private final Deque<DashboardSample> history = new ArrayDeque<>();
    private CheckpointView checkpoint;
    private int ticks;
    private long timer = -1;

    public DashboardFeed(Vertx vertx, BusClient bus, Clock clock) {
        this.vertx = vertx;
        this.bus = bus;
        this.clock = clock;
        this.tally = new JobTally(clock);
    }

    /** Counts a job event (called by {@link JobEventRelay} for every event). */
    public void observe(JobEvent event) {
        tally.observe(event);
    }

    public void start() {
        timer = vertx.setPeriodic(EVERY_MS, id -> sample());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The samples of the last hour, oldest first. */
    public List<DashboardSample> history() {
        return new ArrayList<>(history);
    }

    private void sample() {
        if (ticks++ % 5 == 0) {
            bus.request(EconomyAddresses.CHECKPOINT_LIST, new CheckpointListRequest(), CheckpointListReply.class)
                .onSuccess(reply -> checkpoint = reply.checkpoints().stream()
                    .max(Comparator.comparingLong(CheckpointView::treeSize)).orElse(checkpoint));
        }
        workers().onComplete(ar -> record(ar.succeeded() ? ar.result() : List.of()));
    }

    private Future<List<WorkerHeartbeat>> workers() {
        return bus.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(), WorkerListReply.class)
            .map(WorkerListReply::workers);
    }

    private void record(List<WorkerHeartbeat> workers) {
        int slots = workers.stream().mapToInt(WorkerHeartbeat::slots).sum();
        int free = workers.stream().mapToInt(WorkerHeartbeat::freeSlots).sum();
        JobTally.Figures f = tally.figures();
        DashboardSample sample = new DashboardSample(clock.instant(), workers.size(), slots, free, f.open(), f.perSecond(),
            f.successRate(), f.p50Ms(), f.p99Ms(), checkpoint == null ? null : checkpoint.treeSize(),
            checkpoint == null ? null : checkpoint.at());
        history.addLast(sample);
        while (history.size() > KEPT) {
            history.removeFirst();
        }
        bus.publishLocal(PortalAddresses.DASHBOARD, sample);
    }

    /** The instant of the oldest sample kept (tests). */
    Instant oldest() {
        return history.isEmpty() ? null : history.peekFirst().at();
    }
}
