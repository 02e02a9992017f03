package io.edgecoder.app;

import io.edgecoder.core.bridge.Frame;
import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A raw connection to the operator bridge, for what the CLI never sends (other addresses, huge frames). */
final class BridgeProbe implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    BridgeProbe(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(Frame frame) throws IOException {
        byte[] json = frame.toJson().encode().getBytes(StandardCharsets.UTF_8);
        out.write(ByteBuffer.allocate(4 + json.length).putInt(json.length).put(json).array());
        out.flush();
    }

    /** Only a length header: what a sender of a frame of {@code length} bytes starts with. */
    void sendHeader(int length) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(length).array());
        out.flush();
    }

    Frame read() throws IOException {
        int length = in.readInt();
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return Frame.fromJson(new JsonObject(new String(bytes, StandardCharsets.UTF_8)));
    }

    /** Whether the bridge closed the connection (the next read ends the stream). */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException e) {
            return true;
        } catch (java.net.SocketException e) {
            return true; // reset by the peer: closed as well
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
