package io.edgecoder.core.bridge;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * One message of the edge bridge protocol: a JSON object sent as a 4-byte big-endian length and
 * UTF-8 text (see {@link FrameReader}). An edge node sends {@code register}/{@code unregister} of
 * its own run address, {@code publish} or {@code send} to the addresses the bridge allows (the
 * heartbeat), {@code reply} or {@code fail} to work the bridge handed it, and {@code ping}. The
 * bridge sends {@code registered}, {@code send} (work, with a reply id), {@code err} (a refusal,
 * with an HTTP-range code) and {@code pong}. Fields a type does not use are absent. Headers are
 * not part of the protocol: the bridge alone says who sent a message. The operator bridge
 * (docs/cli.md) speaks the same frames after an {@code auth}/{@code authed} exchange: {@code send}
 * with a reply id is a request, answered by {@code reply} or {@code fail}; {@code register} of an
 * event address streams its events as {@code publish} frames.
 *
 * @param code failure code of {@code fail} and {@code err} frames (0 otherwise)
 */
public record Frame(String type, String address, String replyId, JsonObject body, int code, String message) {
    public static final String REGISTER = "register";
    public static final String UNREGISTER = "unregister";
    public static final String REGISTERED = "registered";
    public static final String SEND = "send";
    public static final String PUBLISH = "publish";
    public static final String REPLY = "reply";
    public static final String FAIL = "fail";
    public static final String PING = "ping";
    public static final String PONG = "pong";
    public static final String ERR = "err";
    /** Operator bridge: the first frame of a connection, body {@code {"token": ...}} (none with a client certificate). */
    public static final String AUTH = "auth";
    /** Operator bridge: authentication accepted; body names the operator and the node. */
    public static final String AUTHED = "authed";
    public static final Set<String> TYPES = Set.of(REGISTER, UNREGISTER, REGISTERED, SEND, PUBLISH, REPLY, FAIL, PING, PONG, ERR,
        AUTH, AUTHED);
    /** Longest address and reply id accepted. */
    public static final int MAX_NAME = 256;
    /** Longest failure message accepted (a longer one is cut). */
    public static final int MAX_MESSAGE = 1024;

    public Frame {
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown frame type '" + clip(type, 32) + "'");
        }
        if (address != null && (address.isEmpty() || address.length() > MAX_NAME)) {
            throw new IllegalArgumentException("address must be 1.." + MAX_NAME + " characters");
        }
        if (replyId != null && (replyId.isEmpty() || replyId.length() > MAX_NAME)) {
            throw new IllegalArgumentException("replyId must be 1.." + MAX_NAME + " characters");
        }
        message = message == null ? null : clip(message, MAX_MESSAGE);
    }

    public static Frame register(String address) {
        return new Frame(REGISTER, address, null, null, 0, null);
    }

    public static Frame unregister(String address) {
        return new Frame(UNREGISTER, address, null, null, 0, null);
    }

    public static Frame registered(String address) {
        return new Frame(REGISTERED, address, null, null, 0, null);
    }

    /** Work handed to an edge node; it answers with {@link #reply} or {@link #fail} naming {@code replyId}. */
    public static Frame send(String address, String replyId, JsonObject body) {
        return new Frame(SEND, address, replyId, body, 0, null);
    }

    public static Frame publish(String address, JsonObject body) {
        return new Frame(PUBLISH, address, null, body, 0, null);
    }

    public static Frame reply(String replyId, JsonObject body) {
        return new Frame(REPLY, null, replyId, body, 0, null);
    }

    public static Frame fail(String replyId, int code, String message) {
        return new Frame(FAIL, null, replyId, null, code, message);
    }

    public static Frame ping() {
        return new Frame(PING, null, null, null, 0, null);
    }

    /** Operator bridge: the first frame, carrying the operator's token (null when a client certificate authenticates). */
    public static Frame auth(String token) {
        return new Frame(AUTH, null, null, token == null ? new JsonObject() : new JsonObject().put("token", token), 0, null);
    }

    /** Operator bridge: authentication accepted; {@code body} names the operator and the node. */
    public static Frame authed(JsonObject body) {
        return new Frame(AUTHED, null, null, body, 0, null);
    }

    public static Frame pong() {
        return new Frame(PONG, null, null, null, 0, null);
    }

    /** A refusal; {@code about} names the refused frame's type or address. */
    public static Frame err(int code, String message, String about) {
        return new Frame(ERR, about, null, null, code, message);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("type", type);
        if (address != null) {
            json.put("address", address);
        }
        if (replyId != null) {
            json.put("replyId", replyId);
        }
        if (body != null) {
            json.put("body", body);
        }
        if (code != 0) {
            json.put("code", code);
        }
        if (message != null) {
            json.put("message", message);
        }
        return json;
    }

    /** The frame a JSON object describes; {@link IllegalArgumentException} with a safe reason otherwise. */
    public static Frame fromJson(JsonObject json) {
        try {
            Object body = json.getValue("body");
            if (body != null && !(body instanceof JsonObject)) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            Integer code = json.getInteger("code");
            return new Frame(json.getString("type"), json.getString("address"), json.getString("replyId"),
                (JsonObject) body, code == null ? 0 : code, json.getString("message"));
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("a frame field has the wrong JSON type");
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
