package io.github.gigachat.client;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * A TLS strategy prepared in the background when TLS is expected, or on first use otherwise (say, a proxy): keeps the
 * loading of the JDK trust store off the build's critical path.
 */
final class LazyTlsStrategy implements TlsSocketStrategy {
    private final CompletableFuture<? extends TlsSocketStrategy> background;
    private final Supplier<? extends TlsSocketStrategy> factory;
    private TlsSocketStrategy ready;

    /** @param background the strategy being built, or null to build it on first use */
    LazyTlsStrategy(
            CompletableFuture<? extends TlsSocketStrategy> background, Supplier<? extends TlsSocketStrategy> factory) {
        this.background = background;
        this.factory = factory;
    }

    private synchronized TlsSocketStrategy ready() {
        if (ready == null) {
            try {
                ready = background != null ? background.join() : factory.get();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        return ready;
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
            throws IOException {
        return ready().upgrade(socket, target, port, attachment, context);
    }
}
