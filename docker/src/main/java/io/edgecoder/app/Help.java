package io.edgecoder.app;

/** The text of {@code --help}. */
final class Help {
    private Help() {
    }

    static String text() {
        return """
            EdgeCoder: a privacy-first coding mesh.

            Usage: edgecoder <command> [options]

            Commands:
              up        Start a node. With no options: every role, an embedded PostgreSQL under
                        the data directory, and the portal on http://127.0.0.1:4310.
              doctor    Report what this machine can enforce for sandboxed runs and what to
                        install for a stronger isolation level.
              ledger    Check or copy the ledger (see 'Ledger commands' below).
              control   Check the control plane's audit (see 'Control commands' below).
              ca        Show or rotate the deployment CA (see 'CA commands' below).
              submit    Submit a job file (JSON, as POST /api/v1/jobs takes it) to a running portal:
                        submit JOB.json [--url http://127.0.0.1:4310] [--key KEY] [--data-dir DIR].
                        Sends an Idempotency-Key (a new UUID, or KEY) and, after a 429, 503, 504 or a
                        lost connection, sends the job again with the same key (5 attempts): the job
                        is recorded once. The token: EDGECODER_TOKEN, else DIR/admin.token.
              ctl       Operate a running deployment through a node's operator bridge (127.0.0.1:4312):
                        status, nodes, mode, blacklist, rollout, jobs, ledger, audit, watch.
                        'edgecoder ctl --help' and docs/cli.md list every command.
              help      Show this text.

            Options of 'up':
              --roles LIST          Roles to run, comma-separated, from:
                                    coordinator,inference,ledger,worker,control,portal
                                    (default: all of them). A worker-only node needs no database.
                                    The control role holds the deployment CA (first node or --ca).
              --data-dir DIR        Where the node keeps its identity key, admin token, embedded
                                    database and work directories (default: ~/.edgecoder).
              --db-url URL          Use an external PostgreSQL instead of the embedded one, e.g.
                                    postgresql://user:secret@db.example:5432/edgecoder
              --http-port PORT      Portal and REST API port (default 4310; 0 = any free port).
              --http-host HOST      Portal bind address (default 127.0.0.1).
              --cluster-host HOST   Address other nodes reach this one on, for Hazelcast and the
                                    event bus (default 127.0.0.1: this machine only).
              --cluster-port PORT   First Hazelcast port to try (default 5701).
              --join HOST:PORT,...  Hazelcast members to join over TCP-IP. Without it the node
                                    forms its own cluster that others can join. Multicast is
                                    never used.
              --cluster-config FILE A Hazelcast cluster.xml replacing the built-in configuration.
              --org NAME            Organisation this node belongs to (default: local); written
                                    into its certificate, it is the node's trust domain.
              --ca DIR              Issue this node's certificate with the deployment CA in DIR
                                    (ca.key, ca.crt): for the operator's own core nodes. The first
                                    node of a deployment creates its CA in <data-dir>/ca.
              --enroll TOKEN        Join an existing deployment: present this node's key to the
                                    portal named in TOKEN (an owner or admin creates it with
                                    POST /api/v1/enrollment/tokens), wait until an admin approves
                                    it, check the CA against the fingerprint in the token, keep the
                                    certificates in <data-dir>/tls and start. Restarts need no token.
              --bridge HOST:PORT    Run as an edge worker: reach the mesh through the edge bridge
                                    of a core node over TLS instead of joining Hazelcast. Needs
                                    --roles worker and a certificate for the edge ring (--ca DIR
                                    issues one; see --ring). No Hazelcast port is opened.
              --bridge-port PORT    Port of the edge bridge every portal node runs (default 4313;
                                    0 = any free port; -1 = no bridge). Binds to --cluster-host.
              --operator-port PORT  Port of the operator bridge for 'edgecoder ctl' on portal nodes
                                    (default 4312 on 127.0.0.1; 0 = any free port; -1 = none).
              --operator-host HOST  Address the operator bridge binds to (default 127.0.0.1); any other
                                    address is served over TLS with this node's certificate.
              --ide-port PORT       Port of the IDE endpoint on portal nodes: OpenAI- and Ollama-compatible
                                    model API for Continue, Cline and the like (default 4311; 0 = any
                                    free port; -1 = none). Needs the admin token or a personal API token
                                    even on loopback; see docs/ide.md.
              --ide-host HOST       Address the IDE endpoint binds to (default 127.0.0.1; another address
                                    also needs ide.allow.remote=true: it speaks plain HTTP).
              --ide-instances N     IDE endpoint instances sharing its port, each on its own event loop
                                    (default: the machine's cores; 1..64): many IDE streams use every core.
              --inference-loops N   Event loops the inference role runs its provider calls and their
                                    streams on (default: the machine's cores; 0 = the role's own loop).
              --ring core|edge      Ring of the certificate --ca issues (default: edge with
                                    --bridge, core otherwise).
              --log-level LEVEL     error, warn, info (default), debug or trace. The log goes to the
                                    console and to <data-dir>/logs/edgecoder.log, rotated at 10 MB
                                    with 5 older files kept (edgecoder.1.log is the newest).
              --provider [remote:]NAME=URL
                                    A model server for the inference role; repeatable. A URL whose
                                    path ends in /v1 is OpenAI-compatible (llama.cpp, vLLM, LM Studio),
                                    any other an Ollama server: --provider ollama=http://127.0.0.1:11434
                                    --provider llama=http://127.0.0.1:8080/v1. 'remote:' marks a cloud
                                    provider, used only when a request allows it by name; its key goes
                                    in EDGECODER_INFERENCE_PROVIDER_<NAME>_API_KEY (docs/inference.md).
              --config FILE         A properties file of settings (default: <data-dir>/edgecoder.properties).

            Ledger commands:
              ledger verify [--db-url URL | --data-dir DIR] [--trust KEY]... [--trust-any-signer]
                        Check the node's ledger: hash chain, signed checkpoints (Merkle roots,
                        signatures) and stored balances. Without --db-url it opens the embedded
                        database under the data directory (the running node's, if it is up).
              ledger verify --file FILE [--data-dir DIR] [--trust KEY]... [--trust-any-signer]
                        The same checks offline, on a file written by 'ledger export'.
              ledger export --out FILE [--db-url URL | --data-dir DIR]
                        Write entries, checkpoints and balances (JSON Lines) to FILE.
              Trusted checkpoint signers: the data directory's own node key (identity/node.pub),
              ledger.checkpoint.trusted.keys, and:
              --trust KEY           Also trust checkpoints signed by this base64 Ed25519 key
                                    (repeatable). A checkpoint by any other key fails, naming it.
              --trust-any-signer    Accept a valid signature by any key (you vouch for the signer).
              Exit status: 0 verified, every entry covered by a trusted checkpoint (or exported),
              1 verification failed (the first bad entry's sequence number is printed), 2 usage or
              I/O error, 3 verified but the entries after the last checkpoint (their count is
              printed) are covered by no signed checkpoint yet.

            Control commands:
              control audit verify [--db-url URL | --data-dir DIR]
                        Check the control plane's hash-chained audit (every approval, mode,
                        blacklist and rollout change) in the node's database, running or not.
                        Exit status: 0 verified, 1 the chain is broken (the first entry where it
                        breaks is printed: tampering starts there), 2 usage or I/O error.

            CA commands (on the node holding the CA, or with --ca DIR; --data-dir as for 'up'):
              ca show               Fingerprint, subject, validity and file of the deployment CA
                                    (and of a next CA being rolled in).
              ca rotate             Step 1 of a rotation: create the next CA. Nodes trust it after a
                                    restart (this node) or 'ca trust' (others); nothing changes yet.
              ca activate           Step 2: the next CA issues from now on; the old one stays
                                    trusted until it expires. Restart this node afterwards.
              ca trust FILE         On another node: also trust the CA certificate in FILE (compare
                                    its printed fingerprint with 'ca show' on the CA node).

            Joining a second node (see README.md and docs/trust.md):
              on the first node:  curl -X POST -H "Authorization: Bearer $(cat ~/.edgecoder/admin.token)" \
                                    -d '{"roles":["worker"]}' http://127.0.0.1:4310/api/v1/enrollment/tokens
              on the new node:    the "command" of the answer, e.g.
                                  edgecoder up --enroll ect1.... --roles worker --join 10.0.0.5:5701
              then approve it:    curl -X POST -H "Authorization: Bearer ..." \
                                    http://127.0.0.1:4310/api/v1/nodes/<node id>/approve

            Every setting can also come from the environment (EDGECODER_HTTP_PORT=4310) or a
            system property (-Dedgecoder.http.port=4310); see docs/configuration.md.
            Precedence: defaults < config file < environment < system properties < options.

            Examples:
              edgecoder up
              edgecoder up --roles worker --enroll ect1.eyJ1Ijoi... --join 192.168.1.10:5701 --cluster-host 192.168.1.11
              edgecoder up --roles worker --bridge core.example.org:4313 --ca ./deployment-ca
              edgecoder ledger export --out ledger.jsonl && edgecoder ledger verify --file ledger.jsonl
            """;
    }
}
