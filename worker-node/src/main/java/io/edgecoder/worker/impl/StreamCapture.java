package io.edgecoder.worker.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a run on its own thread, keeping the first three quarters of
 * the cap and the last quarter (test summaries are printed last), and marking the cut.
 */
final class StreamCapture implements Runnable {
    static final String MARK = "[edgecoder: output truncated, %d bytes omitted]";

    private final InputStream in;
    private final OutputBudget budget;
    private final ByteArrayOutputStream head;
    private final int headCap;
    private final byte[] tail;
    private long total;
    private int tailPos;
    private volatile boolean reachedEnd;

    StreamCapture(InputStream in, int keepBytes, OutputBudget budget) {
        this.in = in;
        this.budget = budget;
        this.headCap = keepBytes - keepBytes / 4;
        this.head = new ByteArrayOutputStream(Math.min(headCap, 8192));
        this.tail = new byte[keepBytes / 4];
    }

    Thread start(String name) {
        Thread thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                keep(buf, n);
                budget.add(n);
            }
            reachedEnd = n < 0;
        } catch (IOException e) {
            // Closed under the reader (the drain deadline passed): what was read stands, marked incomplete.
        }
    }

    /** Whether the stream was read to its end, not cut off by an error or a close. */
    boolean reachedEnd() {
        return reachedEnd;
    }

    private synchronized void keep(byte[] buf, int n) {
        int toHead = (int) Math.max(0, Math.min(n, headCap - total));
        head.write(buf, 0, toHead);
        for (int i = toHead; i < n; i++) {
            tail[tailPos % tail.length] = buf[i];
            tailPos++;
        }
        total += n;
        if (tailPos >= 2 * tail.length) {
            tailPos = tailPos % tail.length + tail.length;
        }
    }

    synchronized boolean truncated() {
        return total > headCap + tail.length;
    }

    synchronized String text() {
        String first = head.toString(StandardCharsets.UTF_8);
        int tailLen = Math.min(tailPos, tail.length);
        byte[] last = new byte[tailLen];
        for (int i = 0; i < tailLen; i++) {
            last[i] = tail[(tailPos - tailLen + i) % tail.length];
        }
        String end = new String(last, StandardCharsets.UTF_8);
        if (!truncated()) {
            return first + end;
        }
        long omitted = total - headCap - tail.length;
        return first + "\n" + String.format(MARK, omitted) + "\n" + end;
    }
}
