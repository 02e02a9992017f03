package io.edgecoder.portal.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (BouncyCastle) in the PHC string format,
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, so every hash records the
 * parameters it was made with and they can be raised later: {@link #needsRehash} tells when a
 * stored hash is weaker than the current parameters (the account service rehashes on the next
 * sign-in). Deliberately slow and memory-hard: call it on a worker thread, never an event loop.
 */
public final class PasswordHasher {
    private static final Pattern PHC = Pattern.compile(
        "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    /**
     * Argon2id cost: memory in KiB, passes, lanes. {@link #DEFAULT} is the OWASP password storage
     * recommendation (19 MiB, 2 passes, 1 lane).
     */
    public record Params(int memoryKiB, int iterations, int parallelism) {
        public static final Params DEFAULT = new Params(19_456, 2, 1);

        public Params {
            if (memoryKiB < 8 * parallelism || memoryKiB > 4 * 1024 * 1024 || iterations < 1 || iterations > 100
                || parallelism < 1 || parallelism > 16) {
                throw new IllegalArgumentException("argon2id parameters out of range: m=" + memoryKiB + " t=" + iterations
                    + " p=" + parallelism);
            }
        }

        boolean weakerThan(Params other) {
            return memoryKiB < other.memoryKiB || iterations < other.iterations || parallelism < other.parallelism;
        }
    }

    private final Params params;

    public PasswordHasher(Params params) {
        this.params = params;
    }

    public Params params() {
        return params;
    }

    /** A new hash of {@code password} with a fresh salt and the current parameters. */
    public String hash(String password) {
        byte[] salt = Secrets.randomBytes(SALT_BYTES);
        byte[] hash = derive(password, salt, params, HASH_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p=" + params.parallelism()
            + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code encoded}; false for anything that is not a hash of ours. */
    public boolean verify(String password, String encoded) {
        Matcher m = encoded == null ? null : PHC.matcher(encoded);
        if (m == null || !m.matches()) {
            return false;
        }
        Params stored;
        try {
            stored = new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        return MessageDigest.isEqual(expected, derive(password, salt, stored, expected.length));
    }

    /** Whether {@code encoded} was made with weaker parameters than the current ones (or is unreadable). */
    public boolean needsRehash(String encoded) {
        Matcher m = encoded == null ? null : PHC.matcher(encoded);
        if (m == null || !m.matches()) {
            return true;
        }
        try {
            return new Params(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                .weakerThan(params);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static byte[] derive(String password, byte[] salt, Params p, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
