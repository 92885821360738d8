package io.github.gigachat.emulator;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Puts the server side of TLS on an accepted TCP connection. The TLS socket is layered over the plain one and does not
 * close it, so that after a failed handshake the connection can still be drained before it is closed (see
 * {@link HttpConnection}).
 */
record TlsLayer(SSLContext context, ClientCertificates clientCertificates) {
    SSLSocket layer(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, false);
        clientCertificates.configure(tls);
        return tls;
    }
}
