package io.edgecoder.core.message;

import java.util.List;

/** The deployment's mode first (org null), then each organisation with a mode of its own. */
public record ModeListReply(List<ModeView> modes) {
    public ModeListReply {
        modes = modes == null ? List.of() : List.copyOf(modes);
    }
}
