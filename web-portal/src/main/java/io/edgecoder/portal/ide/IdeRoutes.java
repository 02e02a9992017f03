package io.edgecoder.portal.ide;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.portal.Caller;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import java.util.function.Function;

/**
 * The IDE endpoint's routes: OpenAI's {@code GET /v1/models}, {@code GET /v1/models/{id}},
 * {@code POST /v1/chat/completions}; Ollama's {@code GET /api/tags}, {@code POST /api/chat},
 * {@code POST /api/generate}. Every route authenticates first ({@link IdeAuth}), then reads a
 * bounded body ({@link IdeBody}); every failure is answered in the route's protocol.
 * The locality of a call: the {@value #LOCALITY_HEADER} header ({@code local-only} or {@code mesh}),
 * else the node's {@code ide.locality} (local-only unless configured).
 */
final class IdeRoutes {
    static final String LOCALITY_HEADER = "X-EdgeCoder-Locality";

    private final IdeCalls calls;
    private final IdeConfig config;

    private IdeRoutes(IdeCalls calls, IdeConfig config) {
        this.calls = calls;
        this.config = config;
    }

    static Router create(Vertx vertx, IdeCalls calls, IdeConfig config) {
        IdeRoutes routes = new IdeRoutes(calls, config);
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "no-store");
            ctx.next();
        });
        router.route().handler(new IdeAuth(config.tokens(), config.meters().counter(IdeMeters.AUTH_FAILURES)));
        router.route().handler(new IdeBody(config.maxBodyBytes()));
        router.get("/v1/models").handler(ctx -> routes.models(ctx, OpenAiFormat::models));
        router.get("/v1/models/:id").handler(routes::model);
        router.post("/v1/chat/completions").handler(ctx -> routes.chat(ctx, OpenAiFormat::parse,
            (call, request) -> new OpenAiFormat(request.requestId(), call.model(), System.currentTimeMillis() / 1000,
                call.includeUsage())));
        router.get("/api/tags").handler(ctx -> routes.models(ctx, OllamaFormat::tags));
        router.post("/api/chat").handler(ctx -> routes.chat(ctx, OllamaFormat::parseChat,
            (call, request) -> new OllamaFormat(call.model(), false)));
        router.post("/api/generate").handler(ctx -> routes.chat(ctx, OllamaFormat::parseGenerate,
            (call, request) -> new OllamaFormat(call.model(), true)));
        router.route().failureHandler(IdeRoutes::failure);
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            router.errorHandler(status, IdeRoutes::failure);
        }
        return router;
    }

    private void models(RoutingContext ctx, Function<List<ModelInfo>, JsonObject> shape) {
        calls.models(Caller.of(ctx), localOnly(ctx))
            .onSuccess(models -> ctx.response().putHeader("Content-Type", Protocol.JSON).end(shape.apply(models).encode()))
            .onFailure(e -> Protocol.of(ctx).fail(ctx, BusClient.toMesh(e)));
    }

    private void model(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        calls.models(Caller.of(ctx), localOnly(ctx)).onSuccess(models -> {
            JsonObject list = OpenAiFormat.models(models.stream().filter(m -> m.name().equals(id)).toList());
            if (list.getJsonArray("data").isEmpty()) {
                Protocol.OPENAI.fail(ctx, 404, "model: no model named '" + Fields.clip(id, 100) + "' on the mesh for this caller");
            } else {
                ctx.response().putHeader("Content-Type", Protocol.JSON).end(list.getJsonArray("data").getJsonObject(0).encode());
            }
        }).onFailure(e -> Protocol.OPENAI.fail(ctx, BusClient.toMesh(e)));
    }

    /** How a protocol's answer of one call is written, from the parsed call and its bus request. */
    @FunctionalInterface
    interface Formats {
        ChatFormat of(ChatCall call, ChatRequest request);
    }

    private void chat(RoutingContext ctx, Function<String, ChatCall> parser, Formats formats) {
        boolean localOnly;
        try {
            localOnly = localOnly(ctx);
        } catch (MeshException e) {
            Protocol.of(ctx).fail(ctx, e);
            return;
        }
        IdeBody.parse(ctx, parser).onSuccess(call -> start(ctx, call, localOnly, formats))
            .onFailure(e -> Protocol.of(ctx).fail(ctx, BusClient.toMesh(e)));
    }

    private void start(RoutingContext ctx, ChatCall call, boolean localOnly, Formats formats) {
        if (ctx.response().closed()) {
            return;
        }
        if (!calls.acquire()) {
            Protocol.of(ctx).fail(ctx, new MeshException(ErrorCode.OVERLOADED, "this node holds " + config.maxInFlight()
                + " model calls already (ide.max.in.flight); retry shortly"));
            return;
        }
        ChatRequest request = calls.request(Caller.of(ctx), call, localOnly);
        new ChatExchange(ctx, calls, formats.of(call, request), request).run();
    }

    /** The call's locality: the header when given, else the node's default. */
    private boolean localOnly(RoutingContext ctx) {
        String header = ctx.request().getHeader(LOCALITY_HEADER);
        if (header == null) {
            return config.localOnlyByDefault();
        }
        return switch (header.trim()) {
            case IdeConfig.LOCAL_ONLY -> true;
            case IdeConfig.MESH -> false;
            default -> throw MeshException.badRequest(LOCALITY_HEADER + ": must be local-only or mesh, got '"
                + Fields.clip(header, 40) + "'");
        };
    }

    private static void failure(RoutingContext ctx) {
        Protocol protocol = Protocol.of(ctx);
        Throwable failure = ctx.failure();
        if (failure == null || failure instanceof HttpException) {
            int status = failure == null ? ctx.statusCode() : ((HttpException) failure).getStatusCode();
            String what = ctx.request().method().name() + " " + Fields.clip(ctx.normalizedPath(), 120);
            switch (status) {
                case 404 -> protocol.fail(ctx, 404, "no such route: " + what);
                case 405 -> protocol.fail(ctx, 405, "method not allowed: " + what);
                case 413 -> protocol.fail(ctx, 413, "body: too large");
                case 400 -> protocol.fail(ctx, 400, "bad request");
                default -> protocol.fail(ctx, BusClient.toMesh(new IllegalStateException("status " + status + " on " + what)));
            }
            return;
        }
        protocol.fail(ctx, BusClient.toMesh(failure));
    }
}
