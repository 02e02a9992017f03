package io.edgecoder.app;

import io.edgecoder.core.JobIntake;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code edgecoder submit JOB.json [--url URL] [--key KEY]}: posts the job to the portal's
 * {@code POST /api/v1/jobs} with an {@code Idempotency-Key} (a new UUID unless given), and sends it
 * again with the same key after a 429 (waiting its Retry-After), a 503, a 504 or a lost connection,
 * {@value #ATTEMPTS} attempts in all, so a retry never records the job twice. Prints the portal's
 * answer. The token: {@code EDGECODER_TOKEN}, else the node's {@code <data-dir>/admin.token}.
 * Exit status: 0 accepted, 1 refused (the answer says why), 2 usage, 3 no answer after every
 * attempt (the key is printed: submit again with {@code --key} to get the job exactly once).
 */
public final class SubmitCommand {
    static final int ATTEMPTS = 5;
    private static final long MAX_WAIT_SECONDS = 60;

    private SubmitCommand() {
    }

    static int run(CommandLine cli, Map<String, String> env, PrintStream out, PrintStream err) {
        Settings settings = Main.settings(cli);
        List<String> args = cli.args();
        String url = option(args, "--url");
        String key = option(args, "--key");
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--url") || args.get(i).equals("--key")) {
                i++;
            } else if (args.get(i).startsWith("--")) {
                throw new CommandLine.UsageException("submit: unknown option " + args.get(i));
            } else {
                files.add(args.get(i));
            }
        }
        if (files.size() != 1) {
            throw new CommandLine.UsageException("submit needs one job file (JSON, as POST /api/v1/jobs takes it)");
        }
        String base = url != null ? url : "http://127.0.0.1:" + settings.string(ConfigKeys.HTTP_PORT, "4310");
        String token = env.get("EDGECODER_TOKEN");
        try {
            if (token == null) {
                token = Files.readString(Path.of(settings.string(ConfigKeys.DATA_DIR)).resolve("admin.token")).trim();
            }
            return run(base, token, Files.readString(Path.of(files.get(0))), key, out, err);
        } catch (IOException e) {
            err.println("edgecoder: " + e.getMessage() + " (set EDGECODER_TOKEN or --data-dir for the token)");
            return 2;
        }
    }

    /** Submits {@code body} to the portal at {@code base}; see the class comment for the exit status. */
    public static int run(String base, String token, String body, String givenKey, PrintStream out, PrintStream err) {
        String key;
        try {
            key = givenKey == null ? UUID.randomUUID().toString() : JobIntake.checkKey(givenKey, "--key");
        } catch (MeshException e) {
            err.println("edgecoder: " + e.getMessage());
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/jobs")).timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .header(JobIntake.IDEMPOTENCY_HEADER, key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        for (int attempt = 1; ; attempt++) {
            String retryWhy;
            long waitSeconds = 1;
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 429 && r.statusCode() != 503 && r.statusCode() != 504) {
                    (r.statusCode() == 202 ? out : err).println(r.body());
                    return r.statusCode() == 202 ? 0 : 1;
                }
                retryWhy = r.statusCode() + " " + r.body();
                waitSeconds = r.headers().firstValue("Retry-After").map(SubmitCommand::seconds).orElse(1L);
            } catch (IOException e) {
                retryWhy = "no answer (" + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 3;
            }
            if (attempt >= ATTEMPTS) {
                err.println("edgecoder: " + retryWhy + "; gave up after " + ATTEMPTS + " attempts. The job may have been"
                    + " recorded: submit again with --key " + key + " to get it exactly once");
                return 3;
            }
            err.println("edgecoder: " + retryWhy + "; submitting again with the same " + JobIntake.IDEMPOTENCY_HEADER + " "
                + key + " (attempt " + (attempt + 1) + " of " + ATTEMPTS + ")");
            if (!pause(Math.min(MAX_WAIT_SECONDS, Math.max(1, waitSeconds)))) {
                return 3;
            }
        }
    }

    /** Retry-After in seconds; an HTTP date or anything unreadable counts as 1 s (a backoff, never a crash). */
    static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 1L;
        }
    }

    /** The back-off between attempts (the server's Retry-After, bounded): a CLI thread, never an event loop. */
    private static boolean pause(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }
}
