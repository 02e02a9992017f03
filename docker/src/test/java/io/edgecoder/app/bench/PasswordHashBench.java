package io.edgecoder.app.bench;

import io.edgecoder.portal.accounts.PasswordHasher;

/**
 * Time of one Argon2id password hash with the portal's parameters (19 MiB, 2 passes, 1 lane unless
 * given), on one thread, as a sign-up, sign-in or reset spends it on a worker thread.
 * Usage: PasswordHashBench [hashes] [memoryKiB iterations parallelism] (default 100 after 10 warm-up).
 */
public final class PasswordHashBench {
    private PasswordHashBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        PasswordHasher.Params params = args.length > 3
            ? new PasswordHasher.Params(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]))
            : PasswordHasher.Params.DEFAULT;
        PasswordHasher hasher = new PasswordHasher(params);
        String stored = hasher.hash("correct horse battery staple");
        for (int i = 0; i < 10; i++) {
            hasher.verify("correct horse battery staple", stored);
        }
        long[] hashes = new long[n];
        long[] verifies = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            hasher.hash("correct horse battery staple " + i);
            hashes[i] = System.nanoTime() - t0;
            long t1 = System.nanoTime();
            hasher.verify("correct horse battery staple", stored);
            verifies[i] = System.nanoTime() - t1;
        }
        System.out.println("argon2id " + params + ", one thread, " + Runtime.getRuntime().availableProcessors() + " cores");
        System.out.println("hash:   " + new Stats(hashes).summary());
        System.out.println("verify: " + new Stats(verifies).summary());
    }
}
