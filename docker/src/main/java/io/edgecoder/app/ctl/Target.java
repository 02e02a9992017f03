package io.edgecoder.app.ctl;

import io.edgecoder.core.address.OperatorAddresses;
import io.edgecoder.core.trust.Pem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where {@code ctl} connects and with what: the node's operator bridge ({@code --node}, else
 * {@code EDGECODER_NODE}, else the address the node wrote to {@code <data-dir>/operator.endpoint},
 * else 127.0.0.1:4312), the operator token ({@code --token-file}, {@code --token}, else
 * {@code EDGECODER_TOKEN}, else {@code <data-dir>/admin.token}), and TLS (any non-loopback node),
 * trusting only the deployment CA ({@code --ca-cert}, else {@code <data-dir>/tls/ca.crt}); with
 * {@code --cert-auth}, no token but the data directory's node certificate as TLS client certificate.
 *
 * @param token null when a client certificate authenticates
 * @param tls null for plain TCP on loopback
 */
record Target(String host, int port, String token, SSLContext tls) {
    static final String TOKEN_ENV = "EDGECODER_TOKEN";
    static final String NODE_ENV = "EDGECODER_NODE";

    String address() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    static Target resolve(Ctl options, Map<String, String> env) {
        Path dataDir = options.dataDir(env);
        String node = first(options.node, env.get(NODE_ENV), endpointFile(dataDir));
        String[] hostPort = node == null ? new String[] {"127.0.0.1", String.valueOf(OperatorAddresses.DEFAULT_PORT)} : split(node);
        String host = hostPort[0];
        int port = port(hostPort[1]);
        boolean loopback = loopback(host);
        if (options.certAuth) {
            if (loopback) {
                throw new CtlException(CtlException.USAGE, "--cert-auth needs TLS, which a node beyond loopback speaks; on loopback"
                    + " use the token");
            }
            return new Target(host, port, null, tls(options.caCert, dataDir, ClientCertificate.keyManagers(dataDir)));
        }
        String token = token(options, env, dataDir);
        return new Target(host, port, token, loopback ? null : tls(options.caCert, dataDir, null));
    }

    private static String token(Ctl options, Map<String, String> env, Path dataDir) {
        if (options.tokenFile != null) {
            return readToken(options.tokenFile).orElseThrow(() -> new CtlException(CtlException.USAGE,
                "--token-file " + options.tokenFile + " cannot be read"));
        }
        String token = first(options.token, env.get(TOKEN_ENV), readToken(dataDir.resolve("admin.token")).orElse(null));
        if (token == null || token.isBlank()) {
            throw new CtlException(CtlException.AUTH, "no operator token: set " + TOKEN_ENV + ", pass --token-file FILE, or point"
                + " --data-dir at the node's data directory (it holds admin.token); looked in " + dataDir);
        }
        return token.strip();
    }

    private static java.util.Optional<String> readToken(Path file) {
        try {
            return Files.isReadable(file) ? java.util.Optional.of(Files.readString(file).strip()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String endpointFile(Path dataDir) {
        return readToken(dataDir.resolve("operator.endpoint")).filter(s -> !s.isEmpty()).orElse(null);
    }

    static String[] split(String node) {
        int colon = node.lastIndexOf(':');
        if (colon <= 0 || colon == node.length() - 1) {
            throw new CtlException(CtlException.USAGE, "--node must be HOST:PORT, got '" + node + "'");
        }
        String host = node.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new String[] {host, node.substring(colon + 1)};
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw new CtlException(CtlException.USAGE, "port must be 1..65535, got '" + text + "'");
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new CtlException(CtlException.UNREACHABLE, "unknown host '" + host + "'");
        }
    }

    /** TLS trusting only the deployment CA; node certificates name node ids, not host names, so the CA is the check. */
    private static SSLContext tls(Path caCert, Path dataDir, javax.net.ssl.KeyManager[] keys) {
        Path file = caCert != null ? caCert : dataDir.resolve("tls").resolve("ca.crt");
        if (!Files.isReadable(file)) {
            throw new CtlException(CtlException.USAGE, "a node beyond loopback is reached over TLS: pass --ca-cert FILE (the"
                + " deployment CA, 'edgecoder ca show' names it) or --data-dir of a node of the deployment; no " + file);
        }
        try {
            List<X509Certificate> cas = Pem.certificates(Files.readString(file));
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new CtlException(CtlException.USAGE, "cannot read the CA certificate " + file + ": " + e.getMessage());
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
