package io.github.gigachat.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server (keep-alive, Content-Length and chunked request bodies, optional TLS) with one daemon thread
 * per connection.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver}: it writes the header block and the body in two segments, and
 * turns Nagle's algorithm off only through the JVM-wide property {@code sun.net.httpserver.nodelay}; without it every
 * answer waits about 40 ms for the client's delayed ACK. The emulator runs inside users' Maven JVMs, so it sets
 * TCP_NODELAY on its own sockets instead and changes no JVM-wide state.
 */
final class EmulatorServer implements AutoCloseable {
    /** Computes the answer to one request; {@link Response#DROP} closes the connection without one. */
    interface Handler {
        Response handle(HttpRequest request) throws InterruptedException;
    }

    private static final int BACKLOG = 100;

    private final ServerSocket serverSocket;
    private final TlsLayer tls; // null: plain HTTP
    private final Handler handler;
    private final ExecutorService connections;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private EmulatorServer(ServerSocket serverSocket, TlsLayer tls, Handler handler) {
        this.serverSocket = serverSocket;
        this.tls = tls;
        this.handler = handler;
        AtomicInteger counter = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(
                runnable -> daemon(runnable, "gigachat-emulator-" + counter.incrementAndGet()));
    }

    /**
     * Binds {@code address} (port 0: any free one) and accepts connections on a daemon thread; with {@code tls}, each
     * connection first completes a TLS handshake on its own thread.
     */
    static EmulatorServer start(InetSocketAddress address, TlsLayer tls, Handler handler) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(address, BACKLOG);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        EmulatorServer server = new EmulatorServer(socket, tls, handler);
        daemon(server::acceptLoop, "gigachat-emulator-accept-" + socket.getLocalPort())
                .start();
        return server;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // e.g. a connection reset before it was accepted
            }
            open.add(socket);
            try {
                connections.execute(new HttpConnection(socket, tls, handler, () -> open.remove(socket)));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket); // closed meanwhile
                open.remove(socket);
            }
            if (closed) {
                closeQuietly(socket);
            }
        }
    }

    /** Stops accepting, cuts off every open connection (requests being served included) and ends their threads. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        open.forEach(EmulatorServer::closeQuietly);
        connections.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
