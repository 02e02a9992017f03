package io.edgecoder.core;

import io.edgecoder.core.trust.Ed25519Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A node's Ed25519 key pair, created on first start and kept in {@code <data-dir>/identity}
 * (private key readable only by the owner). The node id is derived from the public key:
 * {@code n} followed by the first 8 bytes of its SHA-256 in hex, so it cannot be claimed
 * without the key.
 */
public final class NodeIdentity {
    private static final String ALGORITHM = "Ed25519";
    /** An Ed25519 X.509 key is 44 bytes (60 base64 characters); anything far longer is not one. */
    private static final int MAX_KEY_TEXT = 200;

    private final KeyPair keyPair;
    private final String nodeId;
    private final byte[] rawPrivate;
    private final byte[] rawPublic;

    private NodeIdentity(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.nodeId = nodeIdOf(keyPair.getPublic());
        this.rawPrivate = Ed25519Keys.rawPrivate(keyPair.getPrivate());
        this.rawPublic = Ed25519Keys.rawPublic(keyPair.getPublic());
        if (!java.util.Arrays.equals(rawPublic, Ed25519Keys.publicOf(rawPrivate))) {
            // signing with a public key that is not the private key's would leak the private key
            throw new IllegalStateException("node identity: the public key does not belong to the private key");
        }
    }

    /** Loads the key pair from {@code dir}, creating it on first use. */
    public static NodeIdentity loadOrCreate(Path dir) {
        try {
            Path priv = dir.resolve("node.key");
            Path pub = dir.resolve("node.pub");
            if (Files.exists(priv) && Files.exists(pub)) {
                return new NodeIdentity(read(priv, pub));
            }
            Files.createDirectories(dir);
            KeyPair created = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            writePrivate(priv, created.getPrivate().getEncoded());
            Files.writeString(pub, Base64.getEncoder().encodeToString(created.getPublic().getEncoded()) + "\n");
            return new NodeIdentity(created);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create node identity in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A fresh identity that is not stored anywhere (tests and tools). */
    public static NodeIdentity ephemeral() {
        try {
            return new NodeIdentity(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    private static KeyPair read(Path priv, Path pub) throws IOException, GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
        byte[] privBytes = Base64.getDecoder().decode(Files.readString(priv).trim());
        byte[] pubBytes = Base64.getDecoder().decode(Files.readString(pub).trim());
        return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(pubBytes)),
            factory.generatePrivate(new PKCS8EncodedKeySpec(privBytes)));
    }

    private static void writePrivate(Path file, byte[] encoded) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(encoded) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }

    public static String nodeIdOf(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "n" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The node id of an Ed25519 public key given as base64 X.509, or null when the text is not
     * such a key (so a claimed id can be checked against the key that comes with it).
     */
    public static String nodeIdOf(String publicKeyBase64) {
        if (publicKeyBase64 == null || publicKeyBase64.length() > MAX_KEY_TEXT) {
            return null;
        }
        try {
            return nodeIdOf(KeyFactory.getInstance(ALGORITHM)
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    public String nodeId() {
        return nodeId;
    }

    /** SHA-256 of this node's encoded public key, hex: what an approver compares before approving it. */
    public String keyFingerprint() {
        return keyFingerprint(keyPair.getPublic());
    }

    /** SHA-256 of an encoded public key, hex (the node id is {@code n} and its first 16 hex digits). */
    public static String keyFingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A base64 X.509-encoded Ed25519 public key; IllegalArgumentException when it is not one. */
    public static PublicKey parsePublicKey(String base64) {
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            Ed25519Keys.rawPublic(der);
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a base64 X.509-encoded Ed25519 public key");
        }
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** X.509-encoded public key, base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
    }

    /** The node's private key (for its TLS key store; never logged or sent). */
    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** An Ed25519 signature over {@code data} (64 bytes). */
    public byte[] sign(byte[] data) {
        return Ed25519Keys.sign(rawPrivate, rawPublic, data);
    }

    /** Verifies a signature made by the holder of {@code publicKeyBase64} (X.509-encoded, base64). */
    public static boolean verify(String publicKeyBase64, byte[] data, byte[] signatureBytes) {
        try {
            byte[] raw = Ed25519Keys.rawPublic(Base64.getDecoder().decode(publicKeyBase64));
            return Ed25519Keys.verify(raw, data, signatureBytes);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
