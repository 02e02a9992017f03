package io.edgecoder.portal.bridge;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.trust.MeshTrust;
import io.edgecoder.core.trust.RefusalLog;
import io.vertx.core.Vertx;

/** What every connection of one bridge shares. */
record BridgeParts(Vertx vertx, MeshTrust trust, BusClient bus, BridgeMeters meters, RefusalLog refusals, int maxFrameBytes) {
}
