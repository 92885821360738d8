package io.github.gigachat.emulator;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Puts the server side of TLS on an accepted TCP connection. The TLS socket is layered over the plain one and does not
 * close it, so that after a failed handshake the connection can still be drained before it is closed (see
 * {@link HttpConnection}).
 */
record TlsLayer(SSLContext context, ClientCertificates clientCertificates) {
    /**
     * The layer for a given context, or for the emulator's own key (then trusting the client CAs only); null for plain
     * HTTP.
     */
    static TlsLayer of(SSLContext given, KeyManager[] keyManagers, ClientCertificates clientCertificates) {
        if (keyManagers == null) {
            return given == null ? null : new TlsLayer(given, clientCertificates);
        }
        try {
            return new TlsLayer(clientCertificates.serverContext(keyManagers), clientCertificates);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the emulator's TLS context", e);
        }
    }

    /**
     * The key managers of the emulator's key in {@code keyStore}.
     *
     * @throws IllegalArgumentException when no key can be read with {@code password} (the message holds no password)
     */
    static KeyManager[] keyManagers(KeyStore keyStore, char[] password) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            return keys.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot read the emulator's key from the keystore with the given password: " + e.getMessage(), e);
        }
    }

    SSLSocket layer(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, false);
        clientCertificates.configure(tls);
        return tls;
    }
}
