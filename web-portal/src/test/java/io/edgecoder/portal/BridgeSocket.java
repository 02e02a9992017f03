package io.edgecoder.portal;

import io.edgecoder.core.testing.Await;
import io.edgecoder.portal.live.BrowserBridge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A browser's end of the event-bus bridge, as the pages' bus.js speaks it: the raw websocket
 * transport of the SockJS handler, JSON frames {@code register}, {@code send}, {@code ping}; keeps
 * every frame it receives.
 */
public final class BridgeSocket implements AutoCloseable {
    public final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    public final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final WebSocketClient client;
    private final WebSocket socket;
    private volatile boolean closed;

    private BridgeSocket(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.handler(data -> {
            arrivals.add(System.nanoTime());
            frames.add(new JsonObject(data));
        });
        socket.closeHandler(v -> closed = true);
    }

    /** Connects with {@code cookie} (a {@code name=value} pair, or null) and {@code origin} (or null). */
    public static Future<BridgeSocket> connect(Vertx vertx, int port, String cookie, String origin) {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
            .setURI(BrowserBridge.PATH + "/websocket");
        if (cookie != null) {
            options.addHeader("Cookie", cookie);
        }
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        return client.connect(options).map(ws -> new BridgeSocket(client, ws))
            .onFailure(e -> client.close());
    }

    public static BridgeSocket open(Vertx vertx, int port, String cookie) throws Exception {
        return connect(vertx, port, cookie, null).await(20, TimeUnit.SECONDS);
    }

    public void register(String address) {
        write(new JsonObject().put("type", "register").put("address", address).put("headers", new JsonObject()));
    }

    public void write(JsonObject frame) {
        socket.writeTextMessage(frame.encode());
    }

    public void writeText(String text) {
        socket.writeTextMessage(text);
    }

    /** Frames of type {@code rec} on {@code address}, their bodies. */
    public List<JsonObject> received(String address) {
        return frames.stream().filter(f -> "rec".equals(f.getString("type")) && address.equals(f.getString("address")))
            .map(f -> f.getJsonObject("body")).toList();
    }

    public List<JsonObject> errors() {
        return frames.stream().filter(f -> "err".equals(f.getString("type"))).toList();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Waits until {@code count} error frames arrived; answers them. */
    public List<JsonObject> awaitErrors(int count) throws Exception {
        return Await.until(count + " error frames", Duration.ofSeconds(20), this::errors, e -> e.size() >= count);
    }

    @Override
    public void close() {
        try {
            socket.close().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // already closed by the server
        }
        client.close();
    }
}
