package io.edgecoder.worker.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What GNU {@code /usr/bin/time -f "%U %S %M"} wrote about the runtime it waited for: user and
 * system CPU of it and its reaped descendants, and the peak resident size.
 */
record TimeReport(long cpuMs, long peakBytes) {
    static final Path BINARY = Path.of("/usr/bin/time");
    static final String FORMAT = "%U %S %M";

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The wrapper that writes the report to {@code file} (outside the workspace). */
    static List<String> wrapper(Path file) {
        return List.of(BINARY.toString(), "-f", FORMAT, "-o", file.toString());
    }

    /** Empty when the file is missing or garbled (time itself was killed). */
    static Optional<TimeReport> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? Optional.empty() : parse(lines.get(lines.size() - 1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<TimeReport> parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 3) {
            return Optional.empty();
        }
        double cpuSeconds = Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
        return Optional.of(new TimeReport(Math.round(cpuSeconds * 1000), Long.parseLong(f[2]) * 1024));
    }
}
