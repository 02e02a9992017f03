package io.edgecoder.core.trust;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * What a deployment certificate says about a node, read from its subject alternative names:
 * {@code urn:edgecoder:node:<id>}, {@code urn:edgecoder:org:<org>}, {@code urn:edgecoder:ring:<core|edge>}
 * one {@code urn:edgecoder:role:<role>} per role and, for workers whose capacity was fixed when they were
 * approved, {@code urn:edgecoder:slots:<n>} (0 = not stated). The subject key is the node's Ed25519 identity
 * key, and the node id must be the one that key derives, so a certificate cannot lend one node's
 * id to another key. Parsing checks the content only; {@link MeshTrust} checks the CA signature,
 * validity and revocation.
 */
public record NodeCertificate(
    String nodeId,
    String org,
    Ring ring,
    Set<Role> roles,
    int slots,
    byte[] rawPublicKey,
    String serial,
    Instant notAfter,
    String fingerprint,
    X509Certificate x509) {

    static final String URN = "urn:edgecoder:";
    private static final int URI_NAME = 6;

    public NodeCertificate {
        roles = Set.copyOf(roles);
    }

    /** Parses and checks a certificate's content (not its signature). */
    public static NodeCertificate of(X509Certificate cert) {
        String node = null;
        String org = null;
        Ring ring = null;
        Set<Role> roles = EnumSet.noneOf(Role.class);
        int slots = 0;
        for (String uri : uris(cert)) {
            String rest = uri.substring(URN.length());
            int colon = rest.indexOf(':');
            String kind = colon < 0 ? rest : rest.substring(0, colon);
            String value = colon < 0 ? "" : rest.substring(colon + 1);
            switch (kind) {
                case "node" -> node = value;
                case "org" -> org = value;
                case "ring" -> ring = parseRing(value);
                case "role" -> roles.addAll(Role.parse(List.of(value)));
                case "slots" -> slots = parseSlots(value);
                default -> { }
            }
        }
        if (node == null || org == null || ring == null) {
            throw new IllegalArgumentException("certificate names no node, organisation or ring");
        }
        if (!"Ed25519".equals(cert.getPublicKey().getAlgorithm()) && !"EdDSA".equals(cert.getPublicKey().getAlgorithm())) {
            throw new IllegalArgumentException("certificate key is not Ed25519");
        }
        if (!NodeIdentity.nodeIdOf(cert.getPublicKey()).equals(node)) {
            throw new IllegalArgumentException("certificate's node id " + node + " is not the id of its key");
        }
        return new NodeCertificate(node, org, ring, roles, slots, Ed25519Keys.rawPublic(cert.getPublicKey()),
            cert.getSerialNumber().toString(16), cert.getNotAfter().toInstant(), fingerprint(cert), cert);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** SHA-256 of the DER encoding, hex. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int parseSlots(String value) {
        try {
            int slots = Integer.parseInt(value);
            if (slots < 0 || slots > 4096) {
                throw new NumberFormatException();
            }
            return slots;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("certificate names bad slots '" + value + "'");
        }
    }

    private static Ring parseRing(String value) {
        try {
            return Ring.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("certificate names an unknown ring '" + value + "'");
        }
    }

    private static List<String> uris(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream()
                .filter(n -> n.size() == 2 && Integer.valueOf(URI_NAME).equals(n.get(0)) && n.get(1) instanceof String)
                .map(n -> (String) n.get(1))
                .filter(uri -> uri.startsWith(URN))
                .toList();
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable subject alternative names", e);
        }
    }

    @Override
    public String toString() {
        return "NodeCertificate[" + nodeId + ", org " + org + ", " + ring.id() + ", roles " + roles + (slots > 0 ? ", " + slots + " slots" : "") + ", serial " + serial + "]";
    }
}
