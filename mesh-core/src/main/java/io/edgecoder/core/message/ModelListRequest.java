package io.edgecoder.core.message;

/**
 * Which models may serve a call with this locality: all of the mesh's models, or with
 * {@code localOnly} only those on nodes of {@code org}. Remote (cloud) models are listed only
 * when {@code includeRemote}.
 */
public record ModelListRequest(Actor actor, String org, boolean localOnly, boolean includeRemote) {
}
