package io.edgecoder.control;

import io.edgecoder.core.MeshException;
import io.edgecoder.core.policy.NetworkMode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks of policy request fields; each failure is a 400 naming the field. */
final class PolicyInputs {
    static final Set<String> KINDS = Set.of("node-key", "node", "account", "org");
    private static final int MAX_EVIDENCE = 500;
    private static final int MAX_SETTINGS = 32;
    private static final int MAX_STEPS = 10;

    private PolicyInputs() {
    }

    static NetworkMode mode(String mode) {
        try {
            return NetworkMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw MeshException.badRequest("mode: " + e.getMessage());
        }
    }

    /** An organisation name, or null (the deployment). */
    static String org(String org) {
        return org == null ? null : Inputs.name("org", org);
    }

    static String kind(String kind) {
        if (kind == null || !KINDS.contains(kind)) {
            throw MeshException.badRequest("kind: one of node-key, node, account, org");
        }
        return kind;
    }

    /** The subject of a blacklist entry, checked for its kind. */
    static String subject(String kind, String value) {
        if (value == null || value.isBlank()) {
            throw MeshException.badRequest("value: required");
        }
        return switch (kind) {
            case "node" -> Inputs.nodeId(value);
            case "node-key" -> {
                Inputs.publicKey(value);
                yield value;
            }
            case "org" -> Inputs.name("value", value);
            default -> account(value);
        };
    }

    private static String account(String value) {
        if (value.length() > 190 || value.chars().anyMatch(Character::isISOControl)) {
            throw MeshException.badRequest("value: an account of at most 190 printable characters");
        }
        return value;
    }

    static String requiredReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw MeshException.badRequest("reason: required for a blacklist entry");
        }
        return Inputs.reason(reason);
    }

    static String evidence(String link) {
        if (link == null) {
            return null;
        }
        try {
            URI uri = URI.create(link);
            if (link.length() <= MAX_EVIDENCE && uri.getHost() != null
                && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return link;
            }
        } catch (IllegalArgumentException e) {
            // one message below
        }
        throw MeshException.badRequest("evidence: an http(s) link of at most " + MAX_EVIDENCE + " characters");
    }

    static Instant expiry(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw MeshException.badRequest("expiresAt: must be in the future");
        }
        return expiresAt;
    }

    static List<Integer> steps(List<Integer> steps) {
        if (steps == null || steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw MeshException.badRequest("steps: 1.." + MAX_STEPS + " percentages, for example [10, 50, 100]");
        }
        int last = 0;
        for (Integer s : steps) {
            if (s == null || s <= last || s > 100) {
                throw MeshException.badRequest("steps: each within 1..100 and greater than the one before");
            }
            last = s;
        }
        return List.copyOf(steps);
    }

    static Map<String, String> settings(Map<String, String> settings, boolean required) {
        Map<String, String> s = settings == null ? Map.of() : settings;
        if (required && s.isEmpty() || s.size() > MAX_SETTINGS) {
            throw MeshException.badRequest("settings: 1.." + MAX_SETTINGS + " keys for a config rollout");
        }
        s.forEach((k, v) -> {
            if (k == null || !k.matches("[a-z0-9._-]{1,64}") || v == null || v.length() > 200
                || v.chars().anyMatch(Character::isISOControl)) {
                throw MeshException.badRequest("settings: keys 1..64 of [a-z0-9._-], values at most 200 printable characters");
            }
        });
        return Map.copyOf(s);
    }

    static String agentVersion(String version) {
        if (version == null || !version.matches("[A-Za-z0-9._+-]{1,64}")) {
            throw MeshException.badRequest("agentVersion: 1..64 of [A-Za-z0-9._+-] for an agent rollout");
        }
        return version;
    }

    static int within(String field, Integer value, int min, int max, int fallback) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw MeshException.badRequest(field + ": must be within " + min + ".." + max);
        }
        return v;
    }

    static Double rate(Double rate) {
        if (rate != null && (rate.isNaN() || rate < 0 || rate > 1)) {
            throw MeshException.badRequest("maxErrorRate: must be within 0..1");
        }
        return rate;
    }

    static Long latency(Long ms) {
        if (ms != null && (ms < 1 || ms > 3_600_000)) {
            throw MeshException.badRequest("maxLatencyMs: must be within 1..3600000");
        }
        return ms;
    }

}
