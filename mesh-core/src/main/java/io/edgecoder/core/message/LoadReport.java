package io.edgecoder.core.message;

/** Queued demand and free capacity (in CPU slots) observed by a coordinator; moves the price. */
public record LoadReport(long queuedDemand, long freeCapacity) {
}
