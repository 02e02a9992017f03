package io.edgecoder.core.trust;

import io.edgecoder.core.Role;
import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;

/**
 * The authenticated sender of a bus message, as established by {@link BusAuth} on the receiving
 * node: a core node by its signed certificate, an edge node by the certificate a bridge checked
 * and stamped ({@code via} names the bridge node), or this node itself for a message that never
 * left the process. Handlers read it with {@link #of(Message)}; nothing a sender writes can forge
 * it, because the receiving node's interceptor overwrites the header.
 */
public record Caller(String nodeId, String org, Set<Role> roles, Ring ring, String via, int slots) {
    static final String HEADER = "ec-caller";
    /** The caller of messages on a node that runs no bus authentication (a single, non-clustered process). */
    public static final Caller UNAUTHENTICATED_LOCAL = new Caller("local", "local", EnumSet.allOf(Role.class), Ring.CORE, null, 0);

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Set<Role> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** The most free slots this node's heartbeats may claim (its certified capacity), or {@code fallback} when not stated. */
    public int slotsOr(int fallback) {
        return slots > 0 ? slots : fallback;
    }

    public boolean edge() {
        return ring == Ring.EDGE;
    }

    static Caller of(NodeCertificate cert, String via) {
        return new Caller(cert.nodeId(), cert.org(), cert.roles(), cert.ring(), via, cert.slots());
    }

    /** The caller of a delivered message (the local unauthenticated caller on a node without bus authentication). */
    public static Caller of(Message<?> message) {
        String header = message.headers().get(HEADER);
        return header == null ? UNAUTHENTICATED_LOCAL : decode(header);
    }

    void writeTo(MultiMap headers) {
        JsonArray roleIds = new JsonArray();
        roles.stream().sorted().forEach(r -> roleIds.add(r.id()));
        headers.set(HEADER, new JsonObject().put("node", nodeId).put("org", org).put("roles", roleIds)
            .put("ring", ring.id()).put("via", via).put("slots", slots).encode());
    }

    private static Caller decode(String header) {
        JsonObject json = new JsonObject(header);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        json.getJsonArray("roles").forEach(r -> roles.addAll(Role.parse(java.util.List.of((String) r))));
        return new Caller(json.getString("node"), json.getString("org"), roles, Ring.parse(json.getString("ring")),
            json.getString("via"), json.getInteger("slots", 0));
    }
}
