package io.edgecoder.worker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A service of the host on a loopback port that counts the connections it accepted (a sandboxed run must make none). */
public final class LoopbackListener implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();

    private LoopbackListener(ServerSocket server) {
        this.server = server;
    }

    public static LoopbackListener open() throws IOException {
        LoopbackListener listener = new LoopbackListener(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        CompletableFuture.runAsync(listener::acceptAll);
        return listener;
    }

    public int port() {
        return server.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                accepted.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
