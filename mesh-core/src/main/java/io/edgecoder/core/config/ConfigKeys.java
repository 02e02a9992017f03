package io.edgecoder.core.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every configuration key of EdgeCoder with its default. The environment spells a key in
 * upper case with underscores and the {@code EDGECODER_} prefix.
 */
public final class ConfigKeys {
    /** Roles this node runs: comma-separated subset of coordinator,inference,ledger,worker,control,portal. */
    public static final String ROLES = "roles";
    /** Directory for identity keys, admin token, embedded database and workspaces. */
    public static final String DATA_DIR = "data.dir";
    /** JDBC-style PostgreSQL URL (postgresql://user:pass@host:port/db); empty = embedded. */
    public static final String DB_URL = "db.url";
    /** Connection pool size per role that uses the database. */
    public static final String DB_POOL_SIZE = "db.pool.size";
    /** HTTP port of the portal and REST API. */
    public static final String HTTP_PORT = "http.port";
    /** Host the portal binds to. */
    public static final String HTTP_HOST = "http.host";
    /**
     * The portal's URL as other machines reach it (written into enrollment tokens); empty =
     * {@code http://<http.host>:<http.port>}.
     */
    public static final String PORTAL_PUBLIC_URL = "portal.public.url";
    /** Address other members reach this node's Hazelcast and event bus on. */
    public static final String CLUSTER_HOST = "cluster.host";
    /** Hazelcast port (auto-increments when taken). */
    public static final String CLUSTER_PORT = "cluster.port";
    /** Comma-separated host:port list of Hazelcast members to join (TCP-IP). */
    public static final String CLUSTER_JOIN = "cluster.join";
    /** Path of a Hazelcast cluster.xml that replaces the built-in one. */
    public static final String CLUSTER_CONFIG = "cluster.config";
    /** Hazelcast cluster name; nodes with different names never join. */
    public static final String CLUSTER_NAME = "cluster.name";
    /** Default event-bus request timeout in milliseconds. */
    public static final String BUS_TIMEOUT_MS = "bus.timeout.ms";
    /** Interval between worker heartbeats in milliseconds. */
    public static final String HEARTBEAT_MS = "worker.heartbeat.ms";
    /** Concurrent subtask slots of a worker; 0 = number of cores. */
    public static final String WORKER_SLOTS = "worker.slots";
    /** Bound of a worker's wait queue beyond its slots. */
    public static final String WORKER_QUEUE = "worker.queue";
    /** Maximum attempts of one subtask across workers. */
    public static final String MAX_ATTEMPTS = "coordinator.max.attempts";
    /** Weakest worker isolation (none|process|basic|strong) a mesh job may run under. */
    public static final String MESH_MIN_ISOLATION = "policy.mesh.min.isolation";
    /** Weakest worker isolation a local-only job may run under. */
    public static final String LOCAL_MIN_ISOLATION = "policy.local.min.isolation";
    /**
     * How long a subtask waits while no eligible worker is known at all before it errors; while an
     * eligible worker is known (busy, or idle for its owner's power settings) it keeps its place in the queue.
     */
    public static final String CAPACITY_WAIT_MS = "coordinator.capacity.wait.ms";
    /** Unfinished (queued or running) jobs one requester may have; beyond it a submission gets 429 with Retry-After. */
    public static final String QUEUE_MAX_PER_ACCOUNT = "coordinator.queue.max.per.account";
    /** Unfinished jobs across all requesters; beyond it a submission gets 429 with Retry-After. */
    public static final String QUEUE_MAX = "coordinator.queue.max";
    /** Fair-share weights, {@code account=weight,...} (1..100); an account not named weighs 1. */
    public static final String FAIR_WEIGHTS = "coordinator.fair.weights";
    /** Heartbeats a worker may miss before the coordinator forgets it. */
    public static final String MISSED_HEARTBEATS = "coordinator.missed.heartbeats";
    /** How long past a job's timeout the coordinator waits for a worker's reply before running the subtask elsewhere. */
    public static final String REPLY_MARGIN_MS = "coordinator.reply.margin.ms";
    /** Price of one CPU-second in milli-credits. */
    public static final String PRICE_CPU_SECOND = "ledger.price.cpu.second.milli";
    /** Agreeing results from distinct workers that make a result from outside the requester's trust domain final. */
    public static final String TRUST_QUORUM = "coordinator.trust.quorum";
    /** Agreeing replicated results after which a node's work is only spot-checked instead of always replicated. */
    public static final String TRUST_REPUTATION_THRESHOLD = "coordinator.trust.reputation.threshold";
    /** Share, in thousandths, of a reputable node's results that are still replicated (spot checks). */
    public static final String TRUST_SPOT_CHECK_PERMILLE = "coordinator.trust.spot.check.permille";
    /** Organisation of this node (jobs from other organisations are treated as external). */
    public static final String ORG = "org";

    /**
     * Port of the edge bridge on nodes with the portal role: TLS, client certificate from the
     * deployment CA required; edge workers connect here (docs/trust.md, "Edge ring"). -1 = no bridge.
     */
    public static final String BRIDGE_PORT = "bridge.port";
    /** Address the edge bridge binds to; empty = the cluster host ({@code cluster.host}). */
    public static final String BRIDGE_HOST = "bridge.host";
    /** Most edge connections one bridge holds at once. */
    public static final String BRIDGE_MAX_CONNECTIONS = "bridge.max.connections";
    /**
     * {@code host:port} of a bridge this node connects to as an edge worker (the {@code --bridge}
     * option): the node then runs without Hazelcast, reaching the mesh only through the bridge.
     */
    public static final String EDGE_BRIDGE = "edge.bridge";
    /**
     * Ring of a certificate a node issues itself with a CA it holds ({@code --ca}): core or edge;
     * empty = edge for an edge worker ({@code edge.bridge}), core otherwise.
     */
    public static final String TRUST_RING = "trust.ring";

    /**
     * Directory of a deployment CA ({@code ca.key}, {@code ca.crt}) this node may use to issue its own
     * certificate; empty = {@code <data-dir>/ca} when it exists (the first node creates it there).
     */
    public static final String TRUST_CA_DIR = "trust.ca.dir";
    /** Lifetime of a node's message certificate in hours (renewed automatically when a third is left). */
    public static final String TRUST_CERT_HOURS = "trust.cert.hours";
    /** Lifetime of a node's TLS (cluster membership) certificate in days; it is replaced on restart. */
    public static final String TRUST_TLS_DAYS = "trust.tls.days";
    /** Single-use enrollment token a new node presents to join the deployment (see docs/trust.md). */
    public static final String ENROLL_TOKEN = "enroll";

    /**
     * Port of the operator bridge ({@code edgecoder ctl}, docs/cli.md) on nodes with the portal
     * role; 0 = any free port, -1 = none.
     */
    public static final String OPERATOR_PORT = "operator.bridge.port";
    /** Address the operator bridge binds to (default 127.0.0.1); any other address gets TLS. */
    public static final String OPERATOR_HOST = "operator.bridge.host";
    /** Seconds an operator connection may stay silent before the bridge closes it. */
    public static final String OPERATOR_IDLE_SECONDS = "operator.bridge.idle.seconds";
    /** Largest frame the operator bridge reads or writes, in bytes. */
    public static final String OPERATOR_MAX_FRAME_BYTES = "operator.bridge.max.frame.bytes";

    /**
     * Port of the IDE endpoint (OpenAI- and Ollama-compatible HTTP, docs/ide.md) on nodes with the
     * portal role; 0 = any free port, -1 = none.
     */
    public static final String IDE_PORT = "ide.port";
    /** Address the IDE endpoint binds to (default 127.0.0.1; another address needs {@link #IDE_ALLOW_REMOTE}). */
    public static final String IDE_HOST = "ide.host";
    /** {@code true} lets the IDE endpoint (plain HTTP) bind to a non-loopback address. */
    public static final String IDE_ALLOW_REMOTE = "ide.allow.remote";
    /** Default locality of IDE calls: {@code local-only} (default) or {@code mesh}; a request may narrow it. */
    public static final String IDE_LOCALITY = "ide.locality";
    /** How long one IDE chat call may take, in milliseconds, streamed or not. */
    public static final String IDE_TIMEOUT_MS = "ide.timeout.ms";
    /** Largest request body the IDE endpoint reads, in bytes. */
    public static final String IDE_MAX_BODY_BYTES = "ide.max.body.bytes";
    /** Chat calls one node's IDE endpoint holds at once; more are answered 429. */
    public static final String IDE_MAX_IN_FLIGHT = "ide.max.in.flight";
    /**
     * IDE endpoint instances sharing its port (default: the machine's cores), each on its own event
     * loop: connections are spread over them, so many streams use every core.
     */
    public static final String IDE_INSTANCES = "ide.instances";

    /** Level of EdgeCoder's own log lines and the root logger: ERROR, WARN, INFO, DEBUG or TRACE. */
    public static final String LOG_LEVEL = "log.level";
    /** Size in megabytes at which {@code <data-dir>/logs/edgecoder.log} is rotated. */
    public static final String LOG_FILE_MB = "log.file.mb";
    /** Rotated log files kept beside the current one (edgecoder.1.log is the newest). */
    public static final String LOG_FILES_KEPT = "log.files.kept";

    /**
     * Model providers of this node's inference role, comma-separated {@code [remote:]NAME=URL}
     * entries (the repeatable {@code --provider} option): an Ollama server
     * ({@code ollama=http://127.0.0.1:11434}) or an OpenAI-compatible one (a URL whose path ends in
     * {@code /v1}); {@code remote:} marks a cloud provider used only for explicit handoff.
     * Per provider: {@code inference.provider.<name>.kind} (ollama|openai),
     * {@code inference.provider.<name>.api.key} (secret, never logged),
     * {@code inference.provider.<name>.max.concurrent}, {@code inference.provider.<name>.remote}.
     */
    public static final String INFERENCE_PROVIDERS = "inference.providers";
    /** Calls one provider runs at once, unless its own {@code max.concurrent} says otherwise; beyond it: 429. */
    public static final String INFERENCE_MAX_CONCURRENT = "inference.max.concurrent";
    /** Longest a provider call may take from request to last token, in milliseconds (then 504). */
    public static final String INFERENCE_REQUEST_TIMEOUT_MS = "inference.request.timeout.ms";
    /** Longest a provider may stay silent (no header, no token) during a call, in milliseconds (then 504). */
    public static final String INFERENCE_IDLE_TIMEOUT_MS = "inference.idle.timeout.ms";
    /** Connect timeout to a provider, in milliseconds (then 503). */
    public static final String INFERENCE_CONNECT_TIMEOUT_MS = "inference.connect.timeout.ms";
    /** Interval of the inference heartbeat that advertises this node's models. */
    public static final String INFERENCE_HEARTBEAT_MS = "inference.heartbeat.ms";
    /** How often the inference role asks its providers which models they serve. */
    public static final String INFERENCE_REFRESH_MS = "inference.models.refresh.ms";
    /** Longest the inference role waits for a model's plan before the deterministic plan stands in (below 90 s). */
    public static final String INFERENCE_PLAN_TIMEOUT_MS = "inference.plan.timeout.ms";
    /**
     * Event loops the inference role runs its provider calls on (default: the machine's cores;
     * 0 = the role's own loop): each call's provider stream and its chunks stay on one of them.
     */
    public static final String INFERENCE_STREAM_LOOPS = "inference.stream.loops";
    /**
     * Model classes pinned by the operator, comma-separated {@code NAME=small|medium|large} entries: a
     * call of such a model is priced by this class, whatever size nodes advertise for it.
     */
    public static final String INFERENCE_MODEL_CLASSES = "inference.model.classes";

    /**
     * Whether chat calls are paid through the ledger (default true): the routing inference role escrows each call's
     * most cost before the model is called (402 when the payer cannot cover it) and the serving node is paid its
     * usage. Set false only in a deployment without a ledger role; then model time is free.
     */
    public static final String INFERENCE_SETTLEMENT = "inference.settlement";
    /**
     * Generated tokens a chat call without {@code maxTokens} may produce (default 1024): the routing inference role sends
     * this cap to the provider explicitly ({@code options.num_predict} for Ollama, {@code max_tokens} for OpenAI-compatible
     * servers), so what is escrowed for the call bounds what it generates and the charge is its true token count.
     */
    public static final String INFERENCE_DEFAULT_MAX_TOKENS = "inference.default.max.tokens";
    /**
     * Milli-credits of a standing allowance the routing inference role asks the ledger for, per account it routes calls
     * for (default 50000: 50 credits); its calls then start without waiting for the ledger. 0: no allowances, every call
     * is escrowed on its own before its model runs. docs/inference.md, "Allowances".
     */
    public static final String INFERENCE_ALLOWANCE_MILLI = "inference.allowance.milli";

    private ConfigKeys() {
    }

    /** Built-in defaults, the first layer of {@link Settings}. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new TreeMap<>();
        d.put(ROLES, "coordinator,inference,ledger,worker,control,portal");
        d.put(DATA_DIR, System.getProperty("user.home") + "/.edgecoder");
        d.put(DB_POOL_SIZE, "4");
        d.put(HTTP_PORT, "4310");
        d.put(HTTP_HOST, "127.0.0.1");
        d.put(CLUSTER_HOST, "127.0.0.1");
        d.put(CLUSTER_PORT, "5701");
        d.put(CLUSTER_NAME, "edgecoder");
        d.put(BUS_TIMEOUT_MS, "10000");
        d.put(HEARTBEAT_MS, "1000");
        d.put(WORKER_SLOTS, "0");
        d.put(WORKER_QUEUE, "64");
        d.put(MAX_ATTEMPTS, "3");
        d.put(MESH_MIN_ISOLATION, "strong");
        d.put(LOCAL_MIN_ISOLATION, "basic");
        d.put(CAPACITY_WAIT_MS, "30000");
        d.put(QUEUE_MAX_PER_ACCOUNT, "1000");
        d.put(QUEUE_MAX, "20000");
        d.put(FAIR_WEIGHTS, "");
        d.put(MISSED_HEARTBEATS, "3");
        d.put(REPLY_MARGIN_MS, "30000");
        d.put(PRICE_CPU_SECOND, "1000");
        d.put(TRUST_QUORUM, "2");
        d.put(TRUST_REPUTATION_THRESHOLD, "10");
        d.put(TRUST_SPOT_CHECK_PERMILLE, "100");
        d.put(ORG, "local");
        d.put(BRIDGE_PORT, "4313");
        d.put(BRIDGE_MAX_CONNECTIONS, "10000");
        d.put(TRUST_CERT_HOURS, "24");
        d.put(TRUST_TLS_DAYS, "365");
        d.put(INFERENCE_MAX_CONCURRENT, "4");
        d.put(INFERENCE_REQUEST_TIMEOUT_MS, "300000");
        d.put(INFERENCE_IDLE_TIMEOUT_MS, "60000");
        d.put(INFERENCE_CONNECT_TIMEOUT_MS, "5000");
        d.put(INFERENCE_HEARTBEAT_MS, "5000");
        d.put(INFERENCE_REFRESH_MS, "30000");
        d.put(INFERENCE_PLAN_TIMEOUT_MS, "60000");
        d.put(INFERENCE_SETTLEMENT, "true");
        d.put(INFERENCE_DEFAULT_MAX_TOKENS, "1024");
        d.put(INFERENCE_ALLOWANCE_MILLI, "50000");
        d.put(LOG_LEVEL, "INFO");
        d.put(LOG_FILE_MB, "10");
        d.put(LOG_FILES_KEPT, "5");
        d.put(OPERATOR_PORT, "4312");
        d.put(OPERATOR_HOST, "127.0.0.1");
        d.put(OPERATOR_IDLE_SECONDS, "120");
        d.put(OPERATOR_MAX_FRAME_BYTES, "1048576");
        d.put(IDE_PORT, "4311");
        d.put(IDE_HOST, "127.0.0.1");
        return d;
    }
}
