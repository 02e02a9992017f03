package io.edgecoder.core.message;

import java.util.List;

/** The models a {@code ModelListRequest} may use, one entry per model and serving node. */
public record ModelListReply(List<ModelInfo> models) {
}
