package io.edgecoder.ledger.app;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.message.AnchorListReply;
import io.edgecoder.core.message.AnchorListRequest;
import io.edgecoder.core.message.AnchorProveRequest;
import io.edgecoder.core.message.AnchorSubmitRequest;
import io.edgecoder.core.message.AnchorView;
import io.edgecoder.ledger.impl.PgAnchors;
import io.vertx.core.Future;
import java.util.Base64;
import java.util.HexFormat;

/** The consumers of the anchor addresses of {@link EconomyAddresses}: input checks and mapping to {@link PgAnchors}. */
final class AnchorConsumers {
    private static final HexFormat HEX = HexFormat.of();

    private final PgAnchors anchors;

    AnchorConsumers(PgAnchors anchors) {
        this.anchors = anchors;
    }

    Future<?> register(BusClient bus) {
        return Future.all(
            bus.consumer(EconomyAddresses.ANCHOR_SUBMIT, AnchorSubmitRequest.class, this::submit),
            bus.consumer(EconomyAddresses.ANCHOR_PROVE, AnchorProveRequest.class, this::prove),
            bus.consumer(EconomyAddresses.ANCHOR_LIST, AnchorListRequest.class, this::list));
    }

    private Future<AnchorView> submit(AnchorSubmitRequest q) {
        return checked(q.checkpointId(), q.service())
            .compose(v -> anchors.submit(q.checkpointId(), q.service()))
            .map(AnchorConsumers::view);
    }

    private Future<AnchorView> prove(AnchorProveRequest q) {
        return checked(q.checkpointId(), q.service())
            .map(v -> proof(q.proofBase64()))
            .compose(proof -> anchors.prove(q.checkpointId(), q.service(), proof))
            .map(AnchorConsumers::view);
    }

    private Future<AnchorListReply> list(AnchorListRequest q) {
        if (q.checkpointId() != null && q.checkpointId() < 1) {
            return Future.failedFuture(MeshException.badRequest("checkpointId must be >= 1"));
        }
        return anchors.list(q.checkpointId())
            .map(list -> new AnchorListReply(list.stream().map(AnchorConsumers::view).toList()));
    }

    private static Future<Void> checked(long checkpointId, String service) {
        if (checkpointId < 1) {
            return Future.failedFuture(MeshException.badRequest("checkpointId must be >= 1"));
        }
        if (!AnchorView.validService(service)) {
            return Future.failedFuture(MeshException.badRequest("service " + AnchorView.SERVICE_RULE));
        }
        return Future.succeededFuture();
    }

    /** Decodes the proof; throwing inside {@code map} fails the Future with the 400. */
    private static byte[] proof(String base64) {
        if (base64 == null || base64.isEmpty()) {
            throw MeshException.badRequest("proofBase64 is required");
        }
        if (base64.length() > (AnchorView.MAX_PROOF_BYTES / 3 + 1) * 4 + 4) {
            throw MeshException.badRequest("proofBase64 must decode to at most " + AnchorView.MAX_PROOF_BYTES + " bytes");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw MeshException.badRequest("proofBase64 must be base64");
        }
        if (proof.length == 0 || proof.length > AnchorView.MAX_PROOF_BYTES) {
            throw MeshException.badRequest("proofBase64 must decode to 1.." + AnchorView.MAX_PROOF_BYTES + " bytes");
        }
        return proof;
    }

    private static AnchorView view(PgAnchors.Anchor a) {
        return new AnchorView(a.checkpointId(), a.service(), HEX.formatHex(a.digest()), a.submittedAt(), a.provenAt(),
            a.proofBytes());
    }
}
