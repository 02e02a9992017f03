package io.edgecoder.app.ctl;

import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobListReply;
import io.edgecoder.core.message.JobListRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ctl jobs list|get}: jobs as the coordinators store them. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List jobs or show one.",
    subcommands = {JobsCommand.ListJobs.class, JobsCommand.GetJob.class})
final class JobsCommand implements Runnable {
    @Override
    public void run() {
        throw new CtlException(CtlException.USAGE, "jobs needs a subcommand: list or get");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Jobs, newest first.")
    static final class ListJobs extends CtlCommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N jobs, 1..200 (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--after", paramLabel = "JOB_ID", description = "The page after this job (the previous page's 'next').")
        String after;

        @Override
        int execute(CtlClient client) {
            JobListReply reply = as(client.request(CoordinatorAddresses.JOB_LIST, new JobListRequest(limit, after)), JobListReply.class);
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

    @Command(name = "get", mixinStandardHelpOptions = true, description = "One job with its subtasks.")
    static final class GetJob extends CtlCommand {
        @Parameters(index = "0", paramLabel = "JOB_ID")
        String id;

        @Override
        int execute(CtlClient client) {
            JobView job = as(client.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id)), JobView.class);
            if (json()) {
                printJson(job);
                return 0;
            }
            out().printf("job %s  %s%s  %s  %s  requester %s%n", job.id(), job.status(), job.verified() ? " (verified)" : "",
                job.language(), job.locality(), job.requester());
            out().printf("created %s  finished %s  isolation %s%n", job.createdAt(), job.finishedAt(), job.isolation());
            job.notes().forEach(note -> out().println("note: " + note));
            Table table = new Table("SUBTASK", "TEST", "STATUS", "ATTEMPTS", "WORKER", "CPU MS", "VERIFICATION");
            for (SubtaskView s : job.subtasks()) {
                table.row(s.id(), s.test(), s.status(), s.attempts(), s.worker(), s.cpuMs(), s.verification());
            }
            table.print(out());
            return 0;
        }
    }
}
