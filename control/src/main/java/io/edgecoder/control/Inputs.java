package io.edgecoder.control;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.trust.Ring;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/** Checks of control-plane request fields; each failure is a 400 naming the field. */
final class Inputs {
    private static final int MAX_ACTOR = 190;
    private static final int MAX_REASON = 500;
    private static final int MAX_KEY = 200;

    private Inputs() {
    }

    static String name(String field, String value) {
        if (value == null || !value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw MeshException.badRequest(field + ": must be 1..64 of [A-Za-z0-9._-]");
        }
        return value;
    }

    /** Role ids, checked and de-duplicated in declaration order; empty allowed only when not required. */
    static List<String> roles(List<String> roles, boolean required) {
        if (roles == null || roles.isEmpty()) {
            if (required) {
                throw MeshException.badRequest("roles: at least one of " + Role.known());
            }
            return List.of();
        }
        if (roles.size() > Role.values().length || roles.stream().anyMatch(r -> r == null || r.length() > 32)) {
            throw MeshException.badRequest("roles: a list of role ids from " + Role.known());
        }
        try {
            return Role.parse(roles).stream().sorted().map(Role::id).toList();
        } catch (IllegalArgumentException e) {
            throw MeshException.badRequest("roles: " + e.getMessage());
        }
    }

    static String ring(String ring) {
        if (ring == null) {
            return Ring.CORE.id();
        }
        if (!ring.equals(Ring.CORE.id()) && !ring.equals(Ring.EDGE.id())) {
            throw MeshException.badRequest("ring: must be 'core' or 'edge'");
        }
        return ring;
    }

    static String actor(String actor) {
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR || actor.chars().anyMatch(Character::isISOControl)) {
            throw MeshException.badRequest("actor: the authenticated admin is required (1.." + MAX_ACTOR + " characters)");
        }
        return actor;
    }

    static String reason(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.length() > MAX_REASON) {
            throw MeshException.badRequest("reason: at most " + MAX_REASON + " characters");
        }
        return reason.replaceAll("\\p{Cntrl}", " ");
    }

    static String nodeId(String nodeId) {
        if (nodeId == null || !nodeId.matches("n[0-9a-f]{16}")) {
            throw MeshException.badRequest("nodeId: must be 'n' and 16 hex digits");
        }
        return nodeId;
    }

    static PublicKey publicKey(String base64) {
        if (base64 == null || base64.length() > MAX_KEY) {
            throw MeshException.badRequest("publicKey: a base64 X.509-encoded Ed25519 public key is required");
        }
        try {
            return NodeIdentity.parsePublicKey(base64);
        } catch (IllegalArgumentException e) {
            throw MeshException.badRequest("publicKey: " + e.getMessage());
        }
    }

    static byte[] signature(String base64) {
        try {
            if (base64 != null && base64.length() <= 128) {
                byte[] sig = Base64.getDecoder().decode(base64);
                if (sig.length == 64) {
                    return sig;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through to the one message
        }
        throw MeshException.badRequest("proof: a base64 Ed25519 signature (64 bytes) is required");
    }

    static String clip(String s) {
        String text = String.valueOf(s).replaceAll("\\p{Cntrl}", "?");
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
