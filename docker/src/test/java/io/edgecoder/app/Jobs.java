package io.edgecoder.app;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        JobView last = null;
        while (System.nanoTime() < deadline) {
            last = await(bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class));
            if (condition.test(last)) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("job " + id + " did not reach the expected state in " + seconds + " s; last: " + last);
    }

    /** Waits until the coordinator's capacity table lists {@code count} workers. */
    static void awaitWorkers(BusClient bus, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var reply = await(bus.request(CoordinatorAddresses.WORKER_LIST, new io.edgecoder.core.message.WorkerListRequest(),
                io.edgecoder.core.message.WorkerListReply.class));
            if (reply.workers().size() >= count) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("fewer than " + count + " workers announced themselves");
    }

    /** Polls the ledger's balances until {@code condition} holds. */
    static Map<String, Long> awaitBalances(BusClient bus, Predicate<Map<String, Long>> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, Long> last = Map.of();
        while (System.nanoTime() < deadline) {
            last = await(bus.request(io.edgecoder.core.address.LedgerAddresses.BALANCE_LIST,
                new io.edgecoder.core.message.BalancesRequest(), io.edgecoder.core.message.BalancesReply.class)).balances();
            if (condition.test(last)) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("balances did not reach the expected state; last: " + last);
    }

    static JobView awaitFinished(BusClient bus, String id) throws Exception {
        return awaitJob(bus, id, v -> v.finishedAt() != null, 90);
    }
}
