package io.edgecoder.core.trust;

import java.util.Locale;

/**
 * Where a node sits in the mesh. Core nodes are the deployment's own machines in the Hazelcast
 * cluster (event bus over mutual TLS); edge nodes reach the mesh only through a bridge that
 * allows them the worker addresses and stamps their identity on what they send.
 */
public enum Ring {
    CORE, EDGE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Ring parse(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
