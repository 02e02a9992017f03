package io.edgecoder.app.ctl;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.trust.NodeCredentials;
import io.vertx.core.net.PfxOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/** The TLS client certificate of {@code --cert-auth}: the node key and certificate kept in a data directory. */
final class ClientCertificate {
    private ClientCertificate() {
    }

    static KeyManager[] keyManagers(Path dataDir) {
        Path identityDir = dataDir.resolve("identity");
        if (!Files.isReadable(identityDir.resolve("node.key")) || !Files.isReadable(identityDir.resolve("node.pub"))) {
            throw new CtlException(CtlException.USAGE, "--cert-auth needs a node key in " + identityDir + " (is --data-dir a node's?)");
        }
        NodeCredentials credentials = NodeCredentials.load(dataDir.resolve("tls"), NodeIdentity.loadOrCreate(identityDir))
            .orElseThrow(() -> new CtlException(CtlException.USAGE, "--cert-auth needs the node's certificates in " + dataDir.resolve("tls")));
        PfxOptions pfx = credentials.keyStore();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(pfx.getValue().getBytes()), pfx.getPassword().toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, pfx.getPassword().toCharArray());
            return kmf.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new CtlException(CtlException.OTHER, "cannot use the node certificate in " + dataDir + ": " + e.getMessage());
        }
    }
}
