package io.edgecoder.app;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerListRequest;
import io.edgecoder.core.testing.Await;
import java.time.Duration;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Test jobs and waiting on their state through the bus. */
final class Jobs {
    static final String PASSING = """
        import unittest

        from calc import add

        class AddTest(unittest.TestCase):
            def test_adds(self):
                self.assertEqual(add(2, 3), 5)

        if __name__ == "__main__":
            unittest.main()
        """;
    static final String FAILING = """
        import unittest

        from calc import add

        class AddTest(unittest.TestCase):
            def test_adds_wrongly(self):
                self.assertEqual(add(2, 2), 5, "two and two is not five")
        """;
    static final String CALC = "def add(a, b):\n    return a + b\n";

    private Jobs() {
    }

    static JobSubmitRequest python(String title, Map<String, String> tests) {
        Map<String, String> files = new java.util.LinkedHashMap<>(tests);
        files.put("calc.py", CALC);
        return new JobSubmitRequest(title, "python", files, List.copyOf(tests.keySet()), "local-only", 60, "admin", null);
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** Polls the job until {@code condition} holds or the deadline passes. */
    static JobView awaitJob(BusClient bus, String id, Predicate<JobView> condition, long seconds) throws Exception {
        return Await.until("job " + id + " reaching the expected state", Duration.ofSeconds(seconds),
            () -> await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)), condition);
    }

    /** Waits until the coordinator's capacity table lists {@code count} workers. */
    static void awaitWorkers(BusClient bus, int count) throws Exception {
        Await.until(count + " workers announcing themselves", Duration.ofSeconds(30),
            () -> await(bus.request(CoordinatorAddresses.WORKER_LIST, new WorkerListRequest(), WorkerListReply.class)),
            reply -> reply.workers().size() >= count);
    }

    /** Polls the ledger's balances until {@code condition} holds. */
    static Map<String, Long> awaitBalances(BusClient bus, Predicate<Map<String, Long>> condition) throws Exception {
        return Await.until("balances reaching the expected state", Duration.ofSeconds(30),
            () -> await(bus.request(LedgerAddresses.BALANCE_LIST, new BalancesRequest(), BalancesReply.class)).balances(),
            condition);
    }

    static JobView awaitFinished(BusClient bus, String id) throws Exception {
        return awaitJob(bus, id, v -> v.finishedAt() != null, 90);
    }
}
