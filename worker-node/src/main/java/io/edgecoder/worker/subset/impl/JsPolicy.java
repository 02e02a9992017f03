package io.edgecoder.worker.subset.impl;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What a restricted JavaScript job may not use, and why (docs/restricted.md explains each). */
public final class JsPolicy {
    static final String PROCESS = "starts, signals or controls processes";
    static final String NETWORK = "opens network connections or servers";
    static final String NATIVE = "loads native code or reaches the runtime's internals";
    static final String DYNAMIC = "runs code built at run time";
    static final String GUARDED = "is allowed only in the forms require('<literal>'), module.exports "
            + "and process.<member>, so aliases cannot bypass these checks";

    /** Built-in modules, with or without the {@code node:} prefix; subpaths count (dns/promises). */
    public static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("child_process", PROCESS),
            Map.entry("cluster", PROCESS),
            Map.entry("worker_threads", PROCESS),
            Map.entry("process", GUARDED),
            Map.entry("net", NETWORK),
            Map.entry("http", NETWORK),
            Map.entry("https", NETWORK),
            Map.entry("http2", NETWORK),
            Map.entry("dgram", NETWORK),
            Map.entry("dns", NETWORK),
            Map.entry("tls", NETWORK),
            Map.entry("inspector", NETWORK),
            Map.entry("module", NATIVE),
            Map.entry("v8", NATIVE),
            Map.entry("wasi", NATIVE),
            Map.entry("trace_events", NATIVE),
            Map.entry("vm", DYNAMIC),
            Map.entry("repl", DYNAMIC));

    /** Global identifiers refused wherever they appear as a value. */
    public static final Map<String, String> GLOBALS = Map.of(
            "eval", DYNAMIC,
            "Function", DYNAMIC,
            "WebAssembly", DYNAMIC,
            "globalThis", DYNAMIC,
            "global", DYNAMIC,
            "fetch", NETWORK,
            "WebSocket", NETWORK);

    /** Identifiers allowed only in their guarded forms. */
    public static final Set<String> GUARDED_NAMES = Set.of("require", "module", "process");

    /** Member names refused on any object, by name or by a constant computed key. */
    public static final Map<String, String> MEMBERS = Map.of(
            "constructor", DYNAMIC,
            "caller", DYNAMIC,
            "callee", DYNAMIC,
            "require", DYNAMIC,
            "mainModule", DYNAMIC,
            "_load", DYNAMIC,
            "binding", NATIVE,
            "_linkedBinding", NATIVE,
            "dlopen", NATIVE);

    /** Members of the global {@code process} refused in addition to {@link #MEMBERS}. */
    public static final Map<String, String> PROCESS_MEMBERS = Map.of(
            "kill", PROCESS,
            "_kill", PROCESS,
            "setuid", PROCESS,
            "setgid", PROCESS,
            "seteuid", PROCESS,
            "setegid", PROCESS,
            "setgroups", PROCESS,
            "initgroups", PROCESS,
            "_debugProcess", PROCESS,
            "getBuiltinModule", DYNAMIC);

    /** The one member of {@code module} a test file needs. */
    static final String MODULE_EXPORTS = "exports";

    /** Callee objects whose string arguments name properties (getOwnPropertyDescriptor, get). */
    static final Set<String> REFLECTIVE = Set.of("Object", "Reflect");

    private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private JsPolicy() {
    }

    /** Why a module specifier is refused, or null when it is allowed. */
    static String moduleReason(String specifier) {
        if (specifier.endsWith(".node")) {
            return NATIVE;
        }
        String name = specifier.startsWith("node:") ? specifier.substring(5) : specifier;
        if (name.startsWith(".") || name.startsWith("/")) {
            return null;
        }
        if (URL_SCHEME.matcher(name).find() && !name.startsWith("file:")) {
            return DYNAMIC; // data: and http(s): imports load code this check never saw
        }
        int slash = name.indexOf('/');
        return MODULES.get(slash < 0 ? name : name.substring(0, slash));
    }

    /** The construct token's subject: the built-in module name, else the specifier (shortened). */
    static String moduleName(String specifier) {
        String name = specifier.startsWith("node:") ? specifier.substring(5) : specifier;
        int slash = name.indexOf('/');
        if (slash > 0 && MODULES.containsKey(name.substring(0, slash))) {
            return name.substring(0, slash);
        }
        if (MODULES.containsKey(name)) {
            return name;
        }
        return specifier.length() <= 60 ? specifier : specifier.substring(0, 60) + "…";
    }
}
