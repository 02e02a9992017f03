package io.edgecoder.control;

import static io.edgecoder.control.ControlFixture.await;
import static io.edgecoder.control.ControlFixture.enrollRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.message.EnrollReply;
import io.edgecoder.core.message.EnrollRequest;
import io.edgecoder.core.message.EnrollStatusReply;
import io.edgecoder.core.message.EnrollStatusRequest;
import io.edgecoder.core.message.EnrollTokenReply;
import io.edgecoder.core.message.EnrollTokenRequest;
import io.edgecoder.core.message.NodeDecisionRequest;
import io.edgecoder.core.trust.EnrollmentToken;
import io.edgecoder.core.trust.MeshTrust;
import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.Pem;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Enrollment tokens and enrolling nodes on the real schema: single use, expiry, bindings, proofs, certificates. */
class EnrollmentIT {
    @AutoClose
    private final ControlFixture control = new ControlFixture();

    EnrollmentIT() throws Exception {
    }

    @Test
    void aTokenNamesThePortalAndTheCaAndComesWithTheCommandToRun() throws Exception {
        EnrollTokenReply reply = await(control.enrollment.createToken(
            new EnrollTokenRequest(null, List.of("worker"), null, 30, "alice", ControlFixture.PORTAL)));

        EnrollmentToken token = EnrollmentToken.parse(reply.token());
        assertThat(token.portalUrl()).isEqualTo(ControlFixture.PORTAL);
        assertThat(token.caFingerprint()).isEqualTo(control.deploymentCa.fingerprint());
        assertThat(reply.org()).isEqualTo("acme");
        assertThat(reply.ring()).isEqualTo("core");
        assertThat(reply.expiresAt()).isEqualTo(control.clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(reply.command()).isEqualTo("edgecoder up --enroll " + reply.token() + " --roles worker --join 10.0.0.1:5701");
        assertThat(await(control.store.audit(0, 10))).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("token.create");
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.detail()).doesNotContain(token.secret());
        });
    }

    @Test
    void aTokenIsSpentByItsFirstEnrollment() throws Exception {
        String token = control.token(List.of("worker"), "core", 30);
        NodeIdentity first = NodeIdentity.ephemeral();

        EnrollReply enrolled = await(control.enrollment.enroll(enrollRequest(first, token, List.of("worker"))));
        MeshException second = failure(control.enrollment.enroll(enrollRequest(NodeIdentity.ephemeral(), token, List.of("worker"))));

        assertThat(enrolled.nodeId()).isEqualTo(first.nodeId());
        assertThat(enrolled.status()).isEqualTo("pending");
        assertThat(enrolled.keyFingerprint()).isEqualTo(first.keyFingerprint());
        assertThat(second.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(second.getMessage()).contains("already used");
    }

    @Test
    void anExpiredTokenIsRefusedAndAnUnknownOneToo() throws Exception {
        String token = control.token(List.of("worker"), "core", 1);
        control.clock.advance(Duration.ofMinutes(2));

        MeshException expired = failure(control.enrollment.enroll(enrollRequest(NodeIdentity.ephemeral(), token, null)));
        String forged = EnrollmentToken.create(ControlFixture.PORTAL, control.deploymentCa.fingerprint()).encode();
        MeshException unknown = failure(control.enrollment.enroll(enrollRequest(NodeIdentity.ephemeral(), forged, null)));

        assertThat(expired.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(expired.getMessage()).contains("expired");
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(unknown.getMessage()).isEqualTo("unknown enrollment token");
    }

    @Test
    void rolesBeyondTheTokensAreRefusedWithoutSpendingItAndTheNodeGetsTheTokensOrg() throws Exception {
        String token = await(control.enrollment.createToken(new EnrollTokenRequest("globex", List.of("worker"), "core", 30,
            "alice", ControlFixture.PORTAL))).token();
        NodeIdentity node = NodeIdentity.ephemeral();

        MeshException tooMuch = failure(control.enrollment.enroll(enrollRequest(node, token, List.of("worker", "ledger"))));
        await(control.enrollment.enroll(enrollRequest(node, token, null)));

        assertThat(tooMuch.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(tooMuch.getMessage()).contains("beyond what this token allows (worker)");
        assertThat(await(control.store.node(node.nodeId())).orElseThrow()).satisfies(n -> {
            assertThat(n.org()).isEqualTo("globex");
            assertThat(n.roles()).containsExactly("worker");
            assertThat(n.status()).isEqualTo("pending");
        });
    }

    @Test
    void aKeyCannotClaimAnotherNodesIdAndAProofMustBeByThatKey() throws Exception {
        String token = control.token(List.of("worker"), "core", 30);
        NodeIdentity victim = NodeIdentity.ephemeral();
        NodeIdentity attacker = NodeIdentity.ephemeral();
        EnrollRequest honest = enrollRequest(attacker, token, null);

        MeshException claimed = failure(control.enrollment.enroll(new EnrollRequest(token, attacker.publicKeyBase64(), null,
            honest.proof(), victim.nodeId())));
        MeshException borrowedKey = failure(control.enrollment.enroll(new EnrollRequest(token, victim.publicKeyBase64(), null,
            honest.proof(), null)));
        EnrollReply own = await(control.enrollment.enroll(honest));

        assertThat(claimed.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(claimed.getMessage()).contains("is not the id of this key");
        assertThat(borrowedKey.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(own.nodeId()).isEqualTo(attacker.nodeId());
        assertThat(await(control.store.node(victim.nodeId()))).isEmpty();
    }

    @Test
    void malformedEnrollmentsAre400() throws Exception {
        String token = control.token(List.of("worker"), "core", 30);
        NodeIdentity node = NodeIdentity.ephemeral();
        EnrollRequest good = enrollRequest(node, token, null);

        assertThat(failure(control.enrollment.enroll(new EnrollRequest("ect1.!!", good.publicKey(), null, good.proof(), null))))
            .hasMessageStartingWith("token: ");
        assertThat(failure(control.enrollment.enroll(new EnrollRequest(token, "AAAA", null, good.proof(), null))))
            .hasMessageStartingWith("publicKey: ");
        assertThat(failure(control.enrollment.enroll(new EnrollRequest(token, good.publicKey(), null, "nope", null))))
            .hasMessageStartingWith("proof: ");
        assertThat(failure(control.enrollment.enroll(new EnrollRequest(token, good.publicKey(), List.of("king"), good.proof(), null))))
            .hasMessageStartingWith("roles: ");
        assertThat(await(control.enrollment.enroll(good)).status()).isEqualTo("pending");
    }

    @Test
    void anApprovedNodeGetsCertificatesFromTheDeploymentCaForItsKeyRolesAndRing() throws Exception {
        String token = control.token(List.of("worker"), "edge", 30);
        NodeIdentity node = NodeIdentity.ephemeral();
        EnrollRequest withCapacity = enrollRequest(node, token, null);
        await(control.enrollment.enroll(new EnrollRequest(withCapacity.token(), withCapacity.publicKey(), withCapacity.roles(),
            withCapacity.proof(), withCapacity.nodeId(), 3)));

        EnrollStatusReply pending = await(control.enrollment.status(control.statusRequest(node)));
        await(control.decisions.approve(new NodeDecisionRequest(node.nodeId(), "alice", "known laptop")));
        EnrollStatusReply approved = await(control.enrollment.status(control.statusRequest(node)));

        assertThat(pending.status()).isEqualTo("pending");
        assertThat(pending.certificate()).isNull();
        assertThat(approved.status()).isEqualTo("approved");
        MeshTrust trust = new MeshTrust(Pem.certificates(approved.caCertificates()), Clock.systemUTC());
        assertThat(trust.anchors()).containsExactly(control.deploymentCa.certificate());
        for (String pem : List.of(approved.certificate(), approved.tlsCertificate())) {
            NodeCertificate cert = trust.check(Pem.certificates(pem).get(0));
            assertThat(cert.nodeId()).isEqualTo(node.nodeId());
            assertThat(cert.org()).isEqualTo("acme");
            assertThat(cert.ring()).isEqualTo(Ring.EDGE);
            assertThat(cert.roles()).containsExactly(Role.WORKER);
            assertThat(cert.slots()).as("the capacity it enrolled with").isEqualTo(3);
        }
        assertThat(await(control.store.node(node.nodeId())).orElseThrow().certSerial()).isNotNull();
    }

    @Test
    void aStatusRequestNeedsAFreshProofByTheNodesKey() throws Exception {
        NodeIdentity node = NodeIdentity.ephemeral();
        await(control.enrollment.enroll(enrollRequest(node, control.token(List.of("worker"), "core", 30), null)));
        EnrollStatusRequest fresh = control.statusRequest(node);
        NodeIdentity other = NodeIdentity.ephemeral();
        String otherProof = ControlFixture.sign(other, EnrollmentToken.statusProof(node.nodeId(), fresh.time()));

        MeshException wrongKey = failure(control.enrollment.status(new EnrollStatusRequest(node.nodeId(), fresh.time(), otherProof)));
        control.clock.advance(Duration.ofMinutes(6));
        MeshException stale = failure(control.enrollment.status(fresh));
        MeshException unknown = failure(control.enrollment.status(control.statusRequest(other)));

        assertThat(wrongKey.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(stale.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(stale.getMessage()).startsWith("time: ");
        assertThat(unknown.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    static MeshException failure(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(MeshException.class);
            return (MeshException) e.getCause();
        }
        throw new AssertionError("expected a refusal");
    }
}
