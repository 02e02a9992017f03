package io.edgecoder.ledger.app;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.AnchorListReply;
import io.edgecoder.core.message.AnchorListRequest;
import io.edgecoder.core.message.AnchorProveRequest;
import io.edgecoder.core.message.AnchorSubmitRequest;
import io.edgecoder.core.message.AnchorView;
import io.edgecoder.core.message.CheckpointListReply;
import io.edgecoder.core.message.CheckpointListRequest;
import io.edgecoder.core.message.CheckpointView;
import io.edgecoder.core.message.JobHoldReply;
import io.edgecoder.core.message.JobHoldRequest;
import io.edgecoder.ledger.LedgerTesting;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Anchors of checkpoints over the bus, against a deployed ledger role on a real database. */
@ExtendWith(VertxExtension.class)
class AnchorBusIT {
    private static final String OTS = "opentimestamps";
    private static final String PROOF = Base64.getEncoder().encodeToString(new byte[] {0x00, 0x4f, 0x70, 0x65, 0x6e});
    private BusClient bus;

    @BeforeEach
    void deploy(Vertx vertx) {
        Map<String, String> settings = Map.of(EconomyConfig.USER_CREDIT_LINE, "1000000",
            EconomyConfig.ISSUANCE_ENABLED, "false",
            LedgerConfig.CHECKPOINT_ENTRIES, "2", LedgerConfig.CHECKPOINT_INTERVAL_MS, "3600000");
        LedgerConfig config = LedgerConfig.from(Settings.of(settings), LedgerTesting.migratedDatabase(vertx),
            NodeIdentity.ephemeral());
        await(vertx.deployVerticle(new LedgerVerticle(config)));
        bus = new BusClient(vertx, Duration.ofSeconds(10));
    }

    private <T> T call(String address, Object body, Class<T> type) {
        return await(bus.request(address, body, type));
    }

    private ErrorCode refused(String address, Object body) {
        return ((MeshException) failure(bus.request(address, body, Object.class))).code();
    }

    private CheckpointView firstCheckpoint() {
        call(EconomyAddresses.JOB_HOLD, new JobHoldRequest("j1", "alice", 1000), JobHoldReply.class);
        call(EconomyAddresses.JOB_HOLD, new JobHoldRequest("j2", "alice", 1000), JobHoldReply.class);
        LedgerTesting.eventually(() -> !checkpoints().isEmpty(), 10);
        return checkpoints().get(0);
    }

    private List<CheckpointView> checkpoints() {
        return call(EconomyAddresses.CHECKPOINT_LIST, new CheckpointListRequest(), CheckpointListReply.class)
            .checkpoints();
    }

    private List<AnchorView> anchors(Long checkpointId) {
        return call(EconomyAddresses.ANCHOR_LIST, new AnchorListRequest(checkpointId), AnchorListReply.class).anchors();
    }

    @Test
    void submitAnswersTheCheckpointRootAndProveRecordsTheProof() {
        CheckpointView cp = firstCheckpoint();

        AnchorView submitted = call(EconomyAddresses.ANCHOR_SUBMIT, new AnchorSubmitRequest(cp.id(), OTS), AnchorView.class);
        assertThat(submitted.digestHex()).isEqualTo(cp.root());
        assertThat(submitted.submittedAt()).isNotNull();
        assertThat(submitted.provenAt()).isNull();
        assertThat(submitted.proofBytes()).isNull();
        assertThat(call(EconomyAddresses.ANCHOR_SUBMIT, new AnchorSubmitRequest(cp.id(), OTS), AnchorView.class))
            .isEqualTo(submitted);

        AnchorView proven = call(EconomyAddresses.ANCHOR_PROVE, new AnchorProveRequest(cp.id(), OTS, PROOF),
            AnchorView.class);
        assertThat(proven.proofBytes()).isEqualTo(5);
        assertThat(proven.provenAt()).isNotNull();
        assertThat(proven.digestHex()).isEqualTo(cp.root());
        assertThat(call(EconomyAddresses.ANCHOR_PROVE, new AnchorProveRequest(cp.id(), OTS, PROOF), AnchorView.class))
            .isEqualTo(proven);

        call(EconomyAddresses.ANCHOR_SUBMIT, new AnchorSubmitRequest(cp.id(), "other-tsa"), AnchorView.class);
        assertThat(anchors(cp.id())).extracting(AnchorView::service).containsExactly(OTS, "other-tsa");
        assertThat(anchors(null)).contains(proven);
        assertThat(anchors(cp.id() + 1)).isEmpty();
    }

    @Test
    void aDifferentSecondProofIsAConflict() {
        CheckpointView cp = firstCheckpoint();
        call(EconomyAddresses.ANCHOR_SUBMIT, new AnchorSubmitRequest(cp.id(), OTS), AnchorView.class);
        call(EconomyAddresses.ANCHOR_PROVE, new AnchorProveRequest(cp.id(), OTS, PROOF), AnchorView.class);

        assertThat(refused(EconomyAddresses.ANCHOR_PROVE, new AnchorProveRequest(cp.id(), OTS, "AQID")))
            .isEqualTo(ErrorCode.CONFLICT);
        assertThat(anchors(cp.id()).get(0).proofBytes()).isEqualTo(5);
    }

    @Test
    void unknownCheckpointsAndProofsBeforeSubmissionAreNotFound() {
        CheckpointView cp = firstCheckpoint();
        assertThat(refused(EconomyAddresses.ANCHOR_SUBMIT, new AnchorSubmitRequest(99, OTS))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refused(EconomyAddresses.ANCHOR_PROVE, new AnchorProveRequest(99, OTS, PROOF)))
            .isEqualTo(ErrorCode.NOT_FOUND);
        MeshException early = (MeshException) failure(bus.request(EconomyAddresses.ANCHOR_PROVE,
            new AnchorProveRequest(cp.id(), OTS, PROOF), Object.class));
        assertThat(early.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(early.getMessage()).contains("submit it first");
        assertThat(anchors(null)).isEmpty();
    }

    @Test
    void badServiceOrProofIsABadRequest() {
        CheckpointView cp = firstCheckpoint();
        String tooBig = Base64.getEncoder().encodeToString(new byte[AnchorView.MAX_PROOF_BYTES + 1]);
        for (String service : new String[] {"", "OpenTimestamps", "a b", "x".repeat(65), null}) {
            assertThat(refused(EconomyAddresses.ANCHOR_SUBMIT, new AnchorSubmitRequest(cp.id(), service)))
                .as(service).isEqualTo(ErrorCode.BAD_REQUEST);
        }
        call(EconomyAddresses.ANCHOR_SUBMIT, new AnchorSubmitRequest(cp.id(), OTS), AnchorView.class);
        for (String proof : new String[] {null, "", "not base64!", tooBig}) {
            assertThat(refused(EconomyAddresses.ANCHOR_PROVE, new AnchorProveRequest(cp.id(), OTS, proof)))
                .isEqualTo(ErrorCode.BAD_REQUEST);
        }
        assertThat(call(EconomyAddresses.ANCHOR_PROVE, new AnchorProveRequest(cp.id(), OTS,
            Base64.getEncoder().encodeToString(new byte[AnchorView.MAX_PROOF_BYTES])), AnchorView.class).proofBytes())
            .isEqualTo(AnchorView.MAX_PROOF_BYTES);
        assertThat(refused(EconomyAddresses.ANCHOR_LIST, new AnchorListRequest(0L))).isEqualTo(ErrorCode.BAD_REQUEST);
    }
}
