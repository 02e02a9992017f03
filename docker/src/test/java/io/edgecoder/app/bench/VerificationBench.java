package io.edgecoder.app.bench;

import io.edgecoder.app.fleet.Fleet;
import io.edgecoder.app.fleet.FleetJobs;
import io.edgecoder.app.fleet.Lie;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.trust.ResultStatement;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of verified work (issue 7): the cost of signing and of checking a result
 * statement, and, on a fleet where a third of the mesh workers lie, the share of subtasks whose
 * final verdict is wrong (goal: 0) and the extra runs spent on replication, next to the same
 * fleet with no liars. Usage: VerificationBench [signatures] [jobs] (defaults 20000, 24).
 */
public final class VerificationBench {
    private VerificationBench() {
    }

    public static void main(String[] args) throws Exception {
        int signatures = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        signAndVerify(signatures);
        fleet("10 honest mesh workers, no liars", List.of(), jobs);
        fleet("10 honest mesh workers + 5 liars (1/3 of the mesh)", List.of(Lie.values()), jobs);
        System.exit(0);
    }

    private static String clip(String s) {
        String t = s == null ? "" : s.strip().replaceAll("\\s+", " ");
        return t.length() <= 240 ? t : "..." + t.substring(t.length() - 237);
    }

    private static void signAndVerify(int n) {
        NodeIdentity worker = NodeIdentity.ephemeral();
        RunSubtaskRequest request = new RunSubtaskRequest("5b0c6f5e-1f7e-4c6b-9d8e-0a1b2c3d4e5f", "5b0c6f5e-1", "5b0c6f5e-1#1", 1,
            "python", Map.of(), "test_a.py", 60, false, "6f1d2c3b-0a9e-4d8c-b7a6-5f4e3d2c1b0a");
        RunSubtaskReply reply = new RunSubtaskReply(worker.nodeId(), "failed", 1, 412, 230, 1L << 24, "x".repeat(2_000),
            "y".repeat(8_000), false, "strong", new TestReport(12, 11, 1, 0, List.of("test_b (test_a.T.test_b)")));
        long[] sign = new long[n];
        long[] check = new long[n];
        String signature = null;
        for (int i = -n / 4; i < n; i++) {
            long t0 = System.nanoTime();
            signature = ResultStatement.of(request, reply).sign(worker);
            long t1 = System.nanoTime();
            boolean ok = ResultStatement.of(request, reply).verify(worker.publicKeyBase64(), signature);
            long t2 = System.nanoTime();
            if (!ok) {
                throw new IllegalStateException("signature did not verify");
            }
            if (i >= 0) {
                sign[i] = t1 - t0;
                check[i] = t2 - t1;
            }
        }
        System.out.println("statement + sign (worker):        " + new Stats(sign).summary());
        System.out.println("statement + verify (coordinator): " + new Stats(check).summary());
    }

    private static void fleet(String label, List<Lie> liars, int jobs) throws Exception {
        // Every subtask of the burst waits for a slot as long as it takes: the figures are about verification, not queueing.
        try (Fleet fleet = Fleet.start(new Fleet.Spec(1, 10, liars, 6, 600_000))) {
            Map<String, List<Boolean>> truth = new LinkedHashMap<>();
            List<Future<String>> submitted = new ArrayList<>();
            List<List<Boolean>> plans = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                List<Boolean> failing = List.of(false, i % 3 == 2, false);
                plans.add(failing);
                submitted.add(fleet.submitAsync("bench " + i, FleetJobs.files(failing), FleetJobs.tests(3)));
            }
            for (int i = 0; i < jobs; i++) {
                truth.put(Fleet.await(submitted.get(i)), plans.get(i));
            }
            long started = System.nanoTime();
            List<JobView> views = new ArrayList<>();
            for (String id : truth.keySet()) {
                views.add(fleet.awaitFinished(id, Duration.ofMinutes(10)));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            report(label, fleet, views, truth, seconds);
        }
    }

    private static void report(String label, Fleet fleet, List<JobView> views, Map<String, List<Boolean>> truth, double seconds)
        throws Exception {
        int subtasks = 0;
        int wrong = 0;
        int unconfirmed = 0;
        long runs = 0;
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        for (JobView job : views) {
            List<Boolean> failing = truth.get(job.id());
            for (int i = 0; i < failing.size(); i++) {
                String test = FleetJobs.testName(i);
                SubtaskView st = job.subtasks().stream().filter(s -> s.test().equals(test)).findFirst().orElseThrow();
                subtasks++;
                runs += st.attempts();
                String expected = failing.get(i) ? "failed" : "passed";
                if ("error".equals(st.status())) {
                    unconfirmed++;
                    reasons.merge(clip(st.stderr()), 1, Integer::sum);
                } else if (!expected.equals(st.status())) {
                    wrong++;
                    System.out.printf("  WRONG: %s expected %s, got %s by %s (%s); stderr ends: %s%n", st.id(), expected,
                        st.status(), st.worker(), st.verification(), clip(st.stderr()));
                }
            }
        }
        reasons.forEach((reason, count) -> System.out.printf("  unconfirmed x%d: %s%n", count, reason));
        java.util.Set<String> liars = fleet.liars().stream().map(l -> l.nodeId()).collect(java.util.stream.Collectors.toSet());
        List<String> quarantined = fleet.events().stream().filter(e -> "quarantined".equals(e.status())).map(e -> e.worker())
            .distinct().toList();
        long liarsCaught = quarantined.stream().filter(liars::contains).count();
        System.out.printf("%s: %d jobs, %d subtasks in %.1f s%n", label, views.size(), subtasks, seconds);
        System.out.printf("  wrongly verified subtasks: %d (%.1f%%); unconfirmed (error): %d%n", wrong, 100.0 * wrong / subtasks,
            unconfirmed);
        System.out.printf("  runs dispatched: %d = %.2f per subtask (extra work: %.0f%% over one run each)%n",
            runs, (double) runs / subtasks, 100.0 * (runs - subtasks) / subtasks);
        System.out.printf("  quarantined: %d of %d liars, %d honest workers (for a wrong result of their own)%n", liarsCaught,
            liars.size(), quarantined.size() - liarsCaught);
    }
}
