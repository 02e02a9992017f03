package io.edgecoder.app.ctl;

import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.JobCancelRequest;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobListReply;
import io.edgecoder.core.message.JobListRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ctl jobs list|get}: jobs as the coordinators store them. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List jobs, show one, or cancel one.",
    subcommands = {JobsCommand.ListJobs.class, JobsCommand.GetJob.class, JobsCommand.CancelJob.class})
final class JobsCommand implements Runnable {
    @Override
    public void run() {
        throw new CtlException(CtlException.USAGE, "jobs needs a subcommand: list, get or cancel");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Jobs, newest first.")
    static final class ListJobs extends CtlCommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N jobs, 1..200 (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--after", paramLabel = "JOB_ID", description = "The page after this job (the previous page's 'next').")
        String after;

        @Option(names = "--status", paramLabel = "STATUS",
            description = "Only jobs in this status: queued, running, succeeded, failed, rejected, cancelled.")
        String status;

        @Override
        int execute(CtlClient client) {
            JobListReply reply = as(client.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(limit, after, null, status)), JobListReply.class);
            if (json()) {
                printJson(reply);
                return 0;
            }
            Table table = new Table("JOB", "STATUS", "VERIFIED", "LANGUAGE", "LOCALITY", "REQUESTER", "CREATED", "TITLE");
            for (JobView j : reply.jobs()) {
                table.row(j.id(), j.status(), j.verified(), j.language(), j.locality(), j.requester(), j.createdAt(), j.title());
            }
            table.print(out());
            if (reply.next() != null) {
                out().println("more: --after " + reply.next());
            }
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "One job with its subtasks and, for an agent job, its steps.")
    static final class GetJob extends CtlCommand {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Override
        int execute(CtlClient client) {
            JobView job = as(client.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id, null)), JobView.class);
            if (json()) {
                printJson(job);
                return 0;
            }
            out().printf("job %s  %s%s  %s  %s  requester %s%n", job.id(), job.status(), job.verified() ? " (verified)" : "",
                job.language(), job.locality(), job.requester());
            out().printf("created %s  finished %s  isolation %s%n", job.createdAt(), job.finishedAt(), job.isolation());
            out().printf("planner %s%s%n", job.planner() == null ? "-" : job.planner(),
                job.plannerNote() == null ? "" : "  (fallback: " + job.plannerNote() + ")");
            job.notes().forEach(note -> out().println("note: " + note));
            Table table = new Table("SUBTASK", "TEST", "STATUS", "ATTEMPTS", "WORKER", "CPU MS", "VERIFICATION");
            for (SubtaskView s : job.subtasks()) {
                table.row(s.id(), s.test(), s.status(), s.attempts(), s.worker(), s.cpuMs(), s.verification());
            }
            table.print(out());
            if (job.steps() != null && !job.steps().isEmpty()) {
                steps(job);
            }
            return 0;
        }

        /** The agent loop's rounds, each with what its model call and its test runs cost the job (milli-credits). */
        private void steps(JobView job) {
            out().println("agent steps:");
            Table table = new Table("ROUND", "STATUS", "MODEL", "SERVED BY", "TOKENS", "MODEL MS", "MODEL MILLI", "TEST MS",
                "TEST CPU MS", "TEST MILLI");
            for (AgentStep s : job.steps()) {
                table.row(s.iteration(), s.status(), s.model(), s.servedBy(), s.promptTokens() + "+" + s.completionTokens(),
                    s.modelMs(), s.chargedMilli(), s.testMs(), s.testCpuMs(), s.testChargedMilli());
            }
            table.print(out());
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a job: running subtasks stop, queued ones never start, its escrow is released.",
            "Exit 5 for an unknown job, 1 when it already ended."})
    static final class CancelJob extends CtlCommand {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Override
        int execute(CtlClient client) {
            JobView job = as(client.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(id, null)), JobView.class);
            if (json()) {
                printJson(job);
            } else {
                out().println("job " + job.id() + " is now " + job.status());
            }
            return 0;
        }
    }
}
