package io.edgecoder.core.message;

/** Asks for one job by id. */
public record JobGetRequest(String id) {
}
