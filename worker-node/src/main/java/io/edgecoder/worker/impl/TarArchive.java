package io.edgecoder.worker.impl;

import io.edgecoder.core.JobSpecs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a job's files as a POSIX ustar archive. The strong sandbox receives its workspace as
 * this archive on standard input and unpacks it into its own size-capped tmpfs, so the job's
 * files never need a host directory the sandbox user could reach.
 */
final class TarArchive {
    private static final int BLOCK = 512;

    private TarArchive() {
    }

    static byte[] of(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.forEach((path, content) -> {
            JobSpecs.checkPath(path);
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(header(path, data.length));
            out.writeBytes(data);
            out.writeBytes(new byte[padding(data.length)]);
        });
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    private static byte[] header(String path, long size) {
        byte[] h = new byte[BLOCK];
        String[] split = split(path);
        put(h, 0, 100, split[1]);
        put(h, 100, 8, "0000644");
        put(h, 108, 8, "0000000");
        put(h, 116, 8, "0000000");
        put(h, 124, 12, String.format("%011o", size));
        put(h, 136, 12, "00000000000");
        h[156] = '0';
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        put(h, 345, 155, split[0]);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, String.format("%06o", sum));
        h[155] = ' ';
        return h;
    }

    /** ustar keeps names over 100 bytes as prefix + name, split at a slash. */
    static String[] split(String path) {
        if (path.length() <= 100) {
            return new String[] {"", path};
        }
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            if (i <= 155 && path.length() - i - 1 <= 100) {
                return new String[] {path.substring(0, i), path.substring(i + 1)};
            }
        }
        throw new IllegalArgumentException("path too long for the workspace archive: " + path);
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }

    private static int padding(int length) {
        return (BLOCK - length % BLOCK) % BLOCK;
    }
}
