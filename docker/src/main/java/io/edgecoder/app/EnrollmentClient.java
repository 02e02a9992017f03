package io.edgecoder.app;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.trust.EnrollmentToken;
import io.edgecoder.core.trust.MeshTrust;
import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Pem;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new node joining with {@code --enroll TOKEN}, before Vert.x starts (blocking): presents its key
 * to the portal named in the token, waits as pending (polling with back-off, proving its key each
 * time), and once approved checks what it receives against the CA fingerprint the token pins:
 * only that CA is trusted, and both certificates must be issued by it for this node's key. The
 * credentials are then stored in {@code <data-dir>/tls}, so a restart needs no token.
 */
final class EnrollmentClient {
    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentClient.class);
    private static final Duration FIRST_POLL = Duration.ofSeconds(1);
    private static final Duration MAX_POLL = Duration.ofSeconds(15);
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final EnrollmentToken token;
    private final String rawToken;
    private final NodeIdentity identity;
    private final Set<Role> roles;
    private final int slots;
    private final Path tlsDir;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    EnrollmentClient(String rawToken, NodeIdentity identity, Set<Role> roles, int slots, Path tlsDir, Clock clock) {
        try {
            this.token = EnrollmentToken.parse(rawToken.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'enroll': " + e.getMessage());
        }
        this.rawToken = rawToken.strip();
        this.identity = identity;
        this.roles = Set.copyOf(roles);
        this.slots = slots;
        this.tlsDir = tlsDir;
        this.clock = clock;
    }

    /** Enrolls (unless this node already did), waits for the decision and returns the stored credentials. */
    NodeCredentials run() throws InterruptedException {
        JsonObject status;
        try {
            status = status();
            if (status == null || decidedAgainst(status)) {
                enroll();
                status = null;
            }
        } catch (Unreachable e) {
            throw new ConfigException(e.getMessage());
        }
        if (status != null) {
            LOG.info("this node ({}) is already enrolled at {}; waiting for the decision", identity.nodeId(), token.portalUrl());
        }
        announce();
        JsonObject decided = awaitDecision();
        return credentials(decided);
    }

    /** A rejected or revoked node may enroll again, with a new token from an admin. */
    private static boolean decidedAgainst(JsonObject status) {
        return List.of("rejected", "revoked").contains(status.getString("status"));
    }

    private void enroll() {
        JsonObject body = new JsonObject().put("token", rawToken).put("publicKey", identity.publicKeyBase64())
            .put("roles", new JsonArray(roles.stream().sorted().map(Role::id).toList())).put("nodeId", identity.nodeId())
            .put("slots", slots)
            .put("proof", Base64.getEncoder().encodeToString(identity.sign(EnrollmentToken.enrollProof(rawToken))));
        HttpResponse<String> response = post("/api/v1/enroll", body);
        if (response.statusCode() != 202) {
            throw new ConfigException("enrollment refused by " + token.portalUrl() + " (" + response.statusCode() + "): " + message(response));
        }
    }

    private void announce() {
        LOG.info("""
            enrolled as node {}, waiting for approval
              key fingerprint: {}
              an owner or admin compares this fingerprint with the pending node's and approves it on the portal:
                curl -X POST -H "Authorization: Bearer $(cat <data-dir>/admin.token)" {}/api/v1/nodes/{}/approve
              (Ctrl-C stops waiting; starting again with the same command resumes it)""",
            identity.nodeId(), identity.keyFingerprint(), token.portalUrl(), identity.nodeId());
    }

    private JsonObject awaitDecision() throws InterruptedException {
        Duration delay = FIRST_POLL;
        long started = clock.millis();
        long lastLog = started;
        while (true) {
            JsonObject status;
            try {
                status = status();
            } catch (Unreachable e) {
                LOG.warn("{}; asking again shortly", e.getMessage());
                status = new JsonObject().put("status", "pending");
            }
            String state = status == null ? "unknown" : status.getString("status", "unknown");
            switch (state) {
                case "approved" -> {
                    return status;
                }
                case "pending" -> { }
                default -> throw new ConfigException("this node's enrollment was " + state + " by an admin of " + token.portalUrl()
                    + (status != null && status.getString("reason") != null ? " (" + status.getString("reason") + ")" : "")
                    + "; ask for a new token");
            }
            if (clock.millis() - lastLog >= LOG_EVERY.toMillis()) {
                lastLog = clock.millis();
                LOG.info("still waiting for approval of node {} ({} min)", identity.nodeId(), (lastLog - started) / 60_000);
            }
            // Back-off between polls of the portal; this runs on the launcher's main thread before Vert.x starts.
            Thread.sleep(delay.toMillis());
            delay = delay.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : delay.multipliedBy(2);
        }
    }

    /** This node's status, proving its key; null when the control role does not know it. */
    private JsonObject status() {
        long now = clock.millis();
        JsonObject body = new JsonObject().put("nodeId", identity.nodeId()).put("time", now)
            .put("proof", Base64.getEncoder().encodeToString(identity.sign(EnrollmentToken.statusProof(identity.nodeId(), now))));
        HttpResponse<String> response = post("/api/v1/enroll/status", body);
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() == 429 || response.statusCode() == 503) {
            LOG.info("the portal is busy ({}); asking again shortly", message(response));
            return new JsonObject().put("status", "pending");
        }
        if (response.statusCode() != 200) {
            throw new ConfigException("cannot read this node's enrollment status from " + token.portalUrl() + " ("
                + response.statusCode() + "): " + message(response));
        }
        return json(response);
    }

    /** Checks the approved node's certificates against the pinned CA, then stores them. */
    private NodeCredentials credentials(JsonObject approved) {
        List<X509Certificate> offered;
        try {
            offered = Pem.certificates(approved.getString("caCertificates", ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the portal at " + token.portalUrl() + " sent no readable CA certificate: " + e.getMessage());
        }
        X509Certificate pinned = offered.stream()
            .filter(ca -> NodeCertificate.fingerprint(ca).equals(token.caFingerprint())).findFirst()
            .orElseThrow(() -> new ConfigException("the portal at " + token.portalUrl() + " handed out no CA with the fingerprint the"
                + " token pins (" + token.caFingerprint() + "): refusing its certificates (is someone between this node and the portal?)"));
        MeshTrust trust = new MeshTrust(List.of(pinned), Clock.systemUTC());
        NodeCertificate message = own(trust, approved.getString("certificate"));
        NodeCertificate tls = own(trust, approved.getString("tlsCertificate"));
        NodeCredentials credentials = new NodeCredentials(identity, message, tls, trust);
        credentials.save(tlsDir);
        LOG.info("approved: node {} has its certificates (org {}, ring {}, roles {}, CA {}), stored in {}", identity.nodeId(),
            message.org(), message.ring().id(), Role.ids(message.roles()), token.caFingerprint(), tlsDir);
        return credentials;
    }

    private NodeCertificate own(MeshTrust trust, String pem) {
        try {
            NodeCertificate cert = trust.check(Pem.certificates(pem == null ? "" : pem).get(0));
            if (!Arrays.equals(cert.rawPublicKey(), io.edgecoder.core.trust.Ed25519Keys.rawPublic(identity.publicKey()))) {
                throw new IllegalArgumentException("certificate is for another key");
            }
            return cert;
        } catch (RuntimeException e) {
            throw new ConfigException("the certificates from " + token.portalUrl() + " are not valid for this node under the pinned CA: "
                + e.getMessage());
        }
    }

    private HttpResponse<String> post(String path, JsonObject body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(token.portalUrl() + path)).timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable("cannot reach the portal at " + token.portalUrl() + " named in the enrollment token: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("enrollment interrupted");
        }
    }

    private static JsonObject json(HttpResponse<String> response) {
        try {
            return new JsonObject(response.body());
        } catch (DecodeException e) {
            throw new ConfigException("the portal answered something that is not JSON (" + response.statusCode() + ")");
        }
    }

    private static String message(HttpResponse<String> response) {
        try {
            return new JsonObject(response.body()).getString("message", response.body());
        } catch (DecodeException e) {
            return "HTTP " + response.statusCode();
        }
    }

    /** The portal could not be reached (a start fails on it; a wait retries). */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }
}
