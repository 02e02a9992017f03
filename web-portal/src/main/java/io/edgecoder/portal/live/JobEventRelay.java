package io.edgecoder.portal.live;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.PortalAddresses;
import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobView;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the coordinators' job events and republishes each, local only, to the job's requester's
 * own address ({@link PortalAddresses#userJobs}): browsers never listen on the coordinator's topic,
 * so a browser hears only the jobs its account owns. The requester of each job is asked of the
 * coordinator once and remembered (the last {@value #OWNERS_KEPT} jobs); events of one job keep
 * their order because they wait on the same lookup.
 */
public final class JobEventRelay {
    static final int OWNERS_KEPT = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(JobEventRelay.class);

    private final BusClient bus;
    private final Consumer<JobEvent> observer;
    private final Map<String, Future<String>> owners = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Future<String>> eldest) {
            return size() > OWNERS_KEPT;
        }
    };

    /** {@code observer} also sees every event (the dashboard counts them). */
    public JobEventRelay(BusClient bus, Consumer<JobEvent> observer) {
        this.bus = bus;
        this.observer = observer;
    }

    public Future<Void> start() {
        return bus.consumer(CoordinatorAddresses.JOB_EVENTS, JobEvent.class, this::relay).mapEmpty();
    }

    private Future<Void> relay(JobEvent event) {
        observer.accept(event);
        if (event.jobId() == null) {
            return Future.succeededFuture();
        }
        owner(event.jobId()).onSuccess(owner -> publish(owner, event));
        return Future.succeededFuture();
    }

    private Future<String> owner(String jobId) {
        Future<String> known = owners.get(jobId);
        if (known != null) {
            return known;
        }
        Future<String> lookup = bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(jobId), JobView.class)
            .map(JobView::requester)
            .onFailure(e -> {
                owners.remove(jobId);
                LOG.debug("job {}: no requester for its events: {}", jobId, e.getMessage());
            });
        owners.put(jobId, lookup);
        return lookup;
    }

    private void publish(String owner, JobEvent event) {
        try {
            bus.publishLocal(PortalAddresses.userJobs(owner), event);
        } catch (IllegalArgumentException e) {
            LOG.debug("job {}: requester {} has no browser address", event.jobId(), owner);
        }
    }
}
