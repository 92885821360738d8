package io.github.gigachat.client;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;

/**
 * Creates connections that never feed HttpClient's header and wire loggers.
 *
 * <p>Under {@code mvn -X} Maven enables DEBUG for every SLF4J logger, and HttpClient's stock connections then print
 * the {@code Authorization} header and the OAuth response (the access token). These connections skip exactly that
 * logging, so secrets cannot reach the build log whatever the log level.
 */
final class SilentConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {
    private static final AtomicLong COUNTER = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        SilentConnection connection = new SilentConnection("gigachat-" + COUNTER.getAndIncrement());
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    }

    /** A stock connection minus the header log and the wire log. */
    private static final class SilentConnection extends DefaultManagedHttpClientConnection {
        SilentConnection(String id) {
            super(id);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            // deliberately silent: the stock implementation logs every header, Authorization included
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            // deliberately silent: keeps the header log symmetrical with requests
        }
    }
}
