package io.edgecoder.inference.impl;

import io.edgecoder.core.MeshException;
import io.edgecoder.inference.CallControl;
import io.edgecoder.inference.Completion;
import io.edgecoder.inference.ProviderConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The HTTP side of every provider, non-blocking: JSON reads through the Web Client, chat calls
 * through the HTTP client (which hands back the request, so a call can be reset when the caller
 * goes away), streamed bodies split into lines. Timeouts: connect, idle (no byte for too long)
 * and the whole call ({@link CallControl} aborted by the caller of {@link #call}).
 */
public final class ProviderHttp {
    /** Longest line a provider may send in a stream. */
    static final int MAX_LINE = 1 << 20;
    /** Largest whole body read from a provider. */
    static final int MAX_BODY = 16 << 20;

    private final Vertx vertx;
    private final HttpClient client;
    private final WebClient web;
    private final Duration connectTimeout;
    private final Duration idleTimeout;

    public ProviderHttp(Vertx vertx, HttpClient client, Duration connectTimeout, Duration idleTimeout) {
        this.vertx = vertx;
        this.client = client;
        this.web = WebClient.wrap(client);
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
    }

    /** GET (body null) or POST of JSON, answered with JSON; HTTP errors mapped for {@code model}. */
    Future<JsonObject> json(ProviderConfig provider, String path, JsonObject body, String model) {
        HttpRequest<Buffer> request = (body == null ? web.getAbs(provider.url(path)) : web.postAbs(provider.url(path)))
            .connectTimeout(connectTimeout.toMillis())
            .idleTimeout(idleTimeout.toMillis());
        authorize(provider, (name, value) -> request.putHeader(name, value));
        Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
        return sent.recover(failure -> Future.failedFuture(ProviderErrors.transport(provider, failure, 0)))
            .compose(response -> response.statusCode() / 100 == 2
                ? parse(provider, response.bodyAsString())
                : Future.failedFuture(ProviderErrors.status(provider, model, response.statusCode(), response.bodyAsString())));
    }

    private static Future<JsonObject> parse(ProviderConfig provider, String text) {
        try {
            return Future.succeededFuture(new JsonObject(text == null ? "" : text));
        } catch (RuntimeException e) {
            return Future.failedFuture(MeshException.unavailable("provider " + provider.name() + " answered with malformed JSON"));
        }
    }

    /**
     * POSTs {@code body} and reads the answer: line by line into {@code onLine} when
     * {@code streamed}, else whole into {@code whole}. Stops (resets the request) when
     * {@code control} is stopped: a cancelled call completes with what arrived, an aborted one fails.
     */
    Future<Completion> call(ProviderConfig provider, String path, JsonObject body, String model, CallControl control,
                            StreamState state, boolean streamed, BiConsumer<String, StreamState> onLine,
                            Function<JsonObject, Completion> whole) {
        Promise<Completion> result = Promise.promise();
        control.onStop(() -> finishStopped(control, state, result));
        if (streamed) {
            watchIdle(provider, state, control, result);
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(provider.url(path))
            .setConnectTimeout(connectTimeout.toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, streamed ? "text/event-stream, application/x-ndjson, application/json" : "application/json");
        authorize(provider, options::putHeader);
        client.request(options)
            .compose(request -> send(request, body, control))
            .compose(response -> response.statusCode() / 100 == 2 ? Future.succeededFuture(response)
                : response.body().transform(ar -> Future.failedFuture(ProviderErrors.status(provider, model, response.statusCode(),
                    ar.succeeded() ? ar.result().toString() : null))))
            .onSuccess(response -> {
                if (streamed) {
                    readLines(provider, response, state, onLine, result);
                } else {
                    readWhole(provider, response, whole, result);
                }
            })
            .onFailure(failure -> result.tryFail(ProviderErrors.transport(provider, failure, state.chunks())));
        return result.future();
    }

    /**
     * Aborts a streamed call when no line arrived for the idle timeout (the client's own idle
     * timeout does not cover a body in progress). A single reply has only the whole-call timeout:
     * a provider sends nothing until it is done.
     */
    private void watchIdle(ProviderConfig provider, StreamState state, CallControl control, Promise<Completion> result) {
        long[] seen = {System.nanoTime(), -1};
        long period = Math.max(20, idleTimeout.toMillis() / 4);
        long timer = vertx.setPeriodic(period, t -> {
            if (state.lastActivity() > seen[0]) {
                seen[0] = state.lastActivity();
            } else if (System.nanoTime() - seen[0] > idleTimeout.toNanos()) {
                control.abort(new MeshException(io.edgecoder.core.ErrorCode.TIMEOUT, "provider " + provider.name()
                    + " sent nothing in time (" + idleTimeout.toMillis() + " ms" + (state.chunks() > 0 ? ", after " + state.chunks()
                    + " chunks)" : ")")));
            }
        });
        result.future().onComplete(ar -> vertx.cancelTimer(timer));
    }

    private static Future<HttpClientResponse> send(HttpClientRequest request, JsonObject body, CallControl control) {
        control.onStop(request::reset);
        return request.send(body.toBuffer());
    }

    private static void finishStopped(CallControl control, StreamState state, Promise<Completion> result) {
        if (control.failure() != null) {
            result.tryFail(control.failure());
        } else {
            result.tryComplete(state.cancelled());
        }
    }

    private static void readLines(ProviderConfig provider, HttpClientResponse response, StreamState state,
                                  BiConsumer<String, StreamState> onLine, Promise<Completion> result) {
        RecordParser lines = RecordParser.newDelimited("\n", response).maxRecordSize(MAX_LINE);
        lines.exceptionHandler(failure -> result.tryFail(ProviderErrors.transport(provider, failure, state.chunks())));
        lines.handler(line -> {
            if (result.future().isComplete()) {
                return;
            }
            state.touch();
            try {
                onLine.accept(stripCr(line.toString()), state);
            } catch (MeshException e) {
                result.tryFail(e);
                response.request().reset();
            } catch (RuntimeException malformed) {
                result.tryFail(MeshException.unavailable("provider " + provider.name() + " sent a malformed stream line"));
                response.request().reset();
            }
        });
        lines.endHandler(v -> {
            if (state.isDone()) {
                result.tryComplete(state.completion());
            } else {
                result.tryFail(ProviderErrors.cut(provider, state.chunks()));
            }
        });
    }

    private static void readWhole(ProviderConfig provider, HttpClientResponse response, Function<JsonObject, Completion> whole,
                                  Promise<Completion> result) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,12}") && Long.parseLong(length) > MAX_BODY) {
            result.tryFail(MeshException.unavailable("provider " + provider.name() + " answered with more than " + MAX_BODY + " bytes"));
            response.request().reset();
            return;
        }
        response.body()
            .compose(buffer -> parse(provider, buffer.toString()))
            .map(json -> {
                try {
                    return whole.apply(json);
                } catch (MeshException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw MeshException.unavailable("provider " + provider.name() + " answered in an unexpected shape");
                }
            })
            .onComplete(ar -> {
                if (ar.succeeded()) {
                    result.tryComplete(ar.result());
                } else {
                    result.tryFail(ProviderErrors.transport(provider, ar.cause(), 0));
                }
            });
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static void authorize(ProviderConfig provider, BiConsumer<String, String> header) {
        if (provider.apiKey() != null && !provider.apiKey().isBlank()) {
            header.accept("Authorization", "Bearer " + provider.apiKey());
        }
    }
}
