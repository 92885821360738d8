package io.github.gigachat.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The client's key manager: presents the client certificate, if one is configured, and remembers whether any server
 * asked for one. Under TLS 1.3 a server judges the client's certificate after the client has finished its handshake,
 * so its refusal often reaches the client as a reset connection rather than a readable alert; knowing that a server
 * asked for a certificate tells the transport when such a failure is worth a closer look ({@link
 * ClientCertificateProbe}).
 */
final class RecordingKeyManager extends X509ExtendedKeyManager {
    private final X509KeyManager delegate;
    private volatile boolean requested;

    /** @param delegate the certificate's key manager, or null when there is no client certificate */
    RecordingKeyManager(X509KeyManager delegate) {
        this.delegate = delegate;
    }

    /** Whether a server has asked this client for a certificate. */
    boolean requested() {
        return requested;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        requested = true;
        return delegate == null ? null : delegate.chooseClientAlias(keyTypes, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        requested = true;
        if (delegate instanceof X509ExtendedKeyManager extended) {
            return extended.chooseEngineClientAlias(keyTypes, issuers, engine);
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate == null ? null : delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate == null ? null : delegate.getPrivateKey(alias);
    }
}
