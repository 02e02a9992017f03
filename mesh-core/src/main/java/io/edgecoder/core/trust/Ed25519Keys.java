package io.edgecoder.core.trust;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 signing and checking on raw 32-byte keys through BouncyCastle's RFC 8032 code, about
 * eight times faster than the JDK provider on our machines (55 µs to sign, 80 µs to check), which
 * matters because every bus message between nodes and every worker result is signed. Signatures are
 * the same bytes the JDK would produce (Ed25519 is deterministic), so either side may check them.
 *
 * <p>Two costs are paid once instead of per message (measured in docs/benchmarks.md, "Dispatch round
 * trip, profiled"): a signer that knows its public key passes it ({@link #sign(byte[], byte[], byte[])}),
 * so signing does not derive it again with a second scalar multiplication; and a checked key's
 * decoded curve point (a square root per decoding) is kept in a bounded cache keyed by the key's
 * bytes. Neither changes what verifies: the point is a pure function of the key, and a key that
 * does not decode to a valid point is never cached and never verifies.
 */
public final class Ed25519Keys {
    /** X.509 SubjectPublicKeyInfo of an Ed25519 key: a fixed 12-byte prefix, then the 32-byte key. */
    private static final int X509_LENGTH = 44;
    /** PKCS#8 of an Ed25519 key without attributes: a fixed 16-byte prefix, then the 32-byte seed. */
    private static final int PKCS8_LENGTH = 48;
    /** Decoded keys kept: more than the workers and nodes one coordinator talks to. */
    private static final int POINT_CACHE = 16_384;
    private static final Map<ByteBuffer, Ed25519.PublicPoint> POINTS = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Ed25519.PublicPoint> eldest) {
            return size() > POINT_CACHE;
        }
    };

    private Ed25519Keys() {
    }

    /** The raw 32-byte public key inside an X.509-encoded Ed25519 key. */
    public static byte[] rawPublic(byte[] x509) {
        if (x509 == null || x509.length != X509_LENGTH) {
            throw new IllegalArgumentException("not an X.509-encoded Ed25519 public key");
        }
        return Arrays.copyOfRange(x509, X509_LENGTH - Ed25519.PUBLIC_KEY_SIZE, X509_LENGTH);
    }

    public static byte[] rawPublic(PublicKey key) {
        return rawPublic(key.getEncoded());
    }

    /** The raw 32-byte seed inside a PKCS#8-encoded Ed25519 private key. */
    public static byte[] rawPrivate(PrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        if (pkcs8 == null || pkcs8.length != PKCS8_LENGTH) {
            throw new IllegalArgumentException("not a PKCS#8-encoded Ed25519 private key");
        }
        return Arrays.copyOfRange(pkcs8, PKCS8_LENGTH - Ed25519.SECRET_KEY_SIZE, PKCS8_LENGTH);
    }

    public static byte[] sign(byte[] rawPrivate, byte[] data) {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(rawPrivate, 0, data, 0, data.length, sig, 0);
        return sig;
    }

    /** The raw 32-byte public key of a raw 32-byte private key (seed). */
    public static byte[] publicOf(byte[] rawPrivate) {
        byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(rawPrivate, 0, pk, 0);
        return pk;
    }

    /**
     * The same signature as {@link #sign(byte[], byte[])}, about half the work: {@code rawPublic}
     * must be the key of {@code rawPrivate} (derive it once with {@link #publicOf}).
     */
    public static byte[] sign(byte[] rawPrivate, byte[] rawPublic, byte[] data) {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(rawPrivate, 0, rawPublic, 0, data, 0, data.length, sig, 0);
        return sig;
    }

    /** True only for a well-formed signature by {@code rawPublic} over {@code data}. */
    public static boolean verify(byte[] rawPublic, byte[] data, byte[] signature) {
        if (rawPublic == null || rawPublic.length != Ed25519.PUBLIC_KEY_SIZE
            || signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519.PublicPoint point = point(rawPublic);
        return point != null && Ed25519.verify(signature, 0, point, data, 0, data.length);
    }

    /** The decoded point of a raw public key, cached; null when the bytes are not a valid key. */
    private static Ed25519.PublicPoint point(byte[] rawPublic) {
        ByteBuffer key = ByteBuffer.wrap(rawPublic.clone());
        Ed25519.PublicPoint point;
        synchronized (POINTS) {
            point = POINTS.get(key);
        }
        if (point == null) {
            point = Ed25519.validatePublicKeyPartialExport(rawPublic, 0);
            if (point != null) {
                synchronized (POINTS) {
                    POINTS.put(key, point);
                }
            }
        }
        return point;
    }
}
