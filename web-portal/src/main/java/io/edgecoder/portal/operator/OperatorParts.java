package io.edgecoder.portal.operator;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.trust.RefusalLog;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** What every operator session of one bridge shares; {@code node} describes this node in the {@code authed} frame. */
record OperatorParts(Vertx vertx, OperatorBridgeConfig config, BusClient bus, OperatorMeters meters, RefusalLog refusals,
                     JsonObject node) {
}
