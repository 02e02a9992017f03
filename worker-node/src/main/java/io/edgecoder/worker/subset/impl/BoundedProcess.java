package io.edgecoder.worker.subset.impl;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one short-lived child with a cleared environment, feeds it stdin, keeps at most a cap
 * of its stdout and stderr, and kills it at a wall-clock deadline. Blocking.
 */
final class BoundedProcess {
    /** How a child ended; {@code exitCode} is 128 + signal when a signal ended it. */
    record Result(int exitCode, boolean timedOut, boolean stdoutTruncated, String stdout, String stderr) {
    }

    private BoundedProcess() {
    }

    static Result run(List<String> command, byte[] stdin, Duration timeout, int maxStdout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("/"));
        builder.environment().clear();
        Process process = builder.start();
        Capture out = new Capture(process.getInputStream(), maxStdout);
        Capture err = new Capture(process.getErrorStream(), 4096);
        Thread writer = daemon(() -> feed(process.getOutputStream(), stdin), "subset-stdin");
        Thread outReader = daemon(out, "subset-stdout");
        Thread errReader = daemon(err, "subset-stderr");
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor();
        }
        // The child is gone, so its pipes reach end of stream; the bound is only a safety net.
        for (Thread t : List.of(outReader, errReader, writer)) {
            t.join(1000);
        }
        return new Result(process.exitValue(), !exited, out.truncated(), out.text(), err.text());
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void feed(OutputStream stdin, byte[] bytes) {
        try (stdin) {
            stdin.write(bytes);
        } catch (IOException e) {
            // The child exited before reading everything; its exit status tells why.
        }
    }

    /** Drains a stream, keeping the first {@code cap} bytes. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long total;

        Capture(InputStream in, int cap) {
            this.in = in;
            this.cap = cap;
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    keep(buf, n);
                }
            } catch (IOException e) {
                // Closed when the child was killed; what was read stands.
            }
        }

        private synchronized void keep(byte[] buf, int n) {
            int room = (int) Math.max(0, Math.min(n, cap - total));
            kept.write(buf, 0, room);
            total += n;
        }

        synchronized boolean truncated() {
            return total > cap;
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
