package io.edgecoder.core.message;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A checkpoint's anchor at an external timestamping service (for example OpenTimestamps on
 * Bitcoin): the digest submitted (the checkpoint's Merkle root, hex), when, and once recorded
 * when the service's proof arrived and its size in bytes ({@code provenAt} and
 * {@code proofBytes} null until then). Also holds the rules both the portal and the ledger
 * apply to anchor input.
 */
public record AnchorView(long checkpointId, String service, String digestHex, Instant submittedAt, Instant provenAt,
                         Integer proofBytes) {
    /** A service name: 1..64 of lowercase letters, digits, '.', '_' and '-'. */
    public static final Pattern SERVICE = Pattern.compile("[a-z0-9._-]{1,64}");
    /** Largest proof, decoded. */
    public static final int MAX_PROOF_BYTES = 64 * 1024;
    /** What a bad service name is told. */
    public static final String SERVICE_RULE = "must be 1..64 characters of [a-z0-9._-]";

    /** Whether {@code service} is a valid service name. */
    public static boolean validService(String service) {
        return service != null && SERVICE.matcher(service).matches();
    }
}
