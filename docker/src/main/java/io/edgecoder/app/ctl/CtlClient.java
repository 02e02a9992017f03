package io.edgecoder.app.ctl;

import io.edgecoder.core.Json;
import io.edgecoder.core.bridge.Frame;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The operator bridge seen from {@code ctl}: one blocking connection speaking the bridge frames
 * (4-byte length, JSON), so a command costs no event loop and starts fast. Not thread-safe.
 */
final class CtlClient implements AutoCloseable {
    /** Largest frame read from the node (the node's own bound is smaller). */
    static final int MAX_FRAME = 64 * 1024 * 1024;
    /** How often {@link #watch} pings a quiet connection so the bridge does not close it as idle. */
    static final Duration PING_EVERY = Duration.ofSeconds(20);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Target target;
    private final int timeoutMs;
    private long lastId;

    private CtlClient(Socket socket, Target target, int timeoutMs) throws IOException {
        this.socket = socket;
        this.target = target;
        this.timeoutMs = timeoutMs;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects (TLS when the target says so) and authenticates; returns the client and what the node said about itself. */
    static CtlClient open(Target target, Duration timeout) {
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(target.host(), target.port()), ms);
            socket.setSoTimeout(ms);
            socket.setTcpNoDelay(true);
            Socket s = target.tls() == null ? socket : handshake(socket, target);
            return new CtlClient(s, target, ms);
        } catch (ConnectException | SocketTimeoutException | UnknownHostException | java.net.NoRouteToHostException e) {
            closeQuietly(socket);
            throw new CtlException(CtlException.UNREACHABLE, "cannot reach the operator bridge at " + target.address() + ": "
                + e.getMessage() + ". Is the node running with the portal role? Point at it with --node HOST:PORT or --data-dir DIR.");
        } catch (SSLException e) {
            closeQuietly(socket);
            throw new CtlException(CtlException.AUTH, "TLS with " + target.address() + " failed: " + e.getMessage()
                + " (is --ca-cert the deployment CA?)");
        } catch (IOException e) {
            closeQuietly(socket);
            throw new CtlException(CtlException.UNREACHABLE, "cannot reach the operator bridge at " + target.address() + ": " + e);
        }
    }

    private static Socket handshake(Socket plain, Target target) throws IOException {
        SSLSocket tls = (SSLSocket) target.tls().getSocketFactory().createSocket(plain, target.host(), target.port(), true);
        tls.startHandshake();
        return tls;
    }

    /** Sends the token (or none, relying on a client certificate); the node's description on success. */
    JsonObject authenticate(String token) {
        write(Frame.auth(token));
        Frame answer = read("authentication");
        if (Frame.AUTHED.equals(answer.type())) {
            return answer.body() == null ? new JsonObject() : answer.body();
        }
        if (Frame.ERR.equals(answer.type()) && (answer.code() == 401 || answer.code() == 403)) {
            throw new CtlException(CtlException.AUTH, token == null
                ? "the node at " + target.address() + " refused the client certificate: " + answer.message()
                : "the node at " + target.address() + " refused the operator token: " + answer.message()
                    + ". Use the admin token of that node (<data-dir>/admin.token), via EDGECODER_TOKEN or --token-file.");
        }
        throw Frame.ERR.equals(answer.type()) ? CtlException.fromStatus(answer.code(), answer.message()) : unexpected(answer);
    }

    /** A request through the bridge; the reply body, or a {@link CtlException} carrying the node's error. */
    JsonObject request(String address, Object body) {
        String id = Long.toString(++lastId);
        write(Frame.send(address, id, Json.toJson(body)));
        while (true) {
            Frame frame = read(address);
            if (Frame.REPLY.equals(frame.type()) && id.equals(frame.replyId())) {
                return frame.body() == null ? new JsonObject() : frame.body();
            }
            if (Frame.FAIL.equals(frame.type()) && id.equals(frame.replyId()) || Frame.ERR.equals(frame.type())) {
                throw CtlException.fromStatus(frame.code(), frame.message());
            }
        }
    }

    /**
     * Watches {@code addresses}: once the node confirmed each, runs {@code ready}, then hands every
     * event to {@code events} until the connection ends or the thread is interrupted.
     */
    void watch(List<String> addresses, Runnable ready, Consumer<Frame> events) throws IOException {
        for (String address : addresses) {
            write(Frame.register(address));
            Frame answer = read("watch " + address);
            if (!Frame.REGISTERED.equals(answer.type())) {
                throw Frame.ERR.equals(answer.type()) ? CtlException.fromStatus(answer.code(), answer.message()) : unexpected(answer);
            }
        }
        ready.run();
        socket.setSoTimeout((int) PING_EVERY.toMillis());
        while (!Thread.currentThread().isInterrupted()) {
            Frame frame;
            try {
                frame = readFrame();
            } catch (SocketTimeoutException quiet) {
                write(Frame.ping());
                continue;
            }
            if (Frame.PUBLISH.equals(frame.type())) {
                events.accept(frame);
            } else if (Frame.ERR.equals(frame.type())) {
                throw CtlException.fromStatus(frame.code(), frame.message());
            }
        }
    }

    private Frame read(String what) {
        try {
            return readFrame();
        } catch (SocketTimeoutException e) {
            throw new CtlException(CtlException.UNREACHABLE, "no answer from " + target.address() + " to " + what + " within "
                + timeoutMs / 1000 + " s (--timeout)");
        } catch (EOFException e) {
            throw new CtlException(CtlException.UNREACHABLE, "the node at " + target.address() + " closed the connection");
        } catch (IOException e) {
            throw new CtlException(CtlException.UNREACHABLE, "connection to " + target.address() + " failed: " + e.getMessage());
        }
    }

    private Frame readFrame() throws IOException {
        int length = in.readInt();
        if (length < 2 || length > MAX_FRAME) {
            throw new IOException("the node sent a frame of " + Integer.toUnsignedLong(length) + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        try {
            return Frame.fromJson(new JsonObject(new String(bytes, StandardCharsets.UTF_8)));
        } catch (DecodeException | IllegalArgumentException e) {
            throw new IOException("the node sent a malformed frame");
        }
    }

    private void write(Frame frame) {
        byte[] json = frame.toJson().encode().getBytes(StandardCharsets.UTF_8);
        try {
            out.write(ByteBuffer.allocate(4 + json.length).putInt(json.length).put(json).array());
            out.flush();
        } catch (IOException e) {
            throw new CtlException(CtlException.UNREACHABLE, "connection to " + target.address() + " failed: " + e.getMessage());
        }
    }

    private static CtlException unexpected(Frame frame) {
        return new CtlException(CtlException.OTHER, "unexpected answer from the node: " + frame.type()
            + (frame.message() == null ? "" : " " + frame.message()));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }
}
