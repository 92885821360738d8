package io.github.gigachat.emulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * Serves the requests of one kept-alive connection in turn. Each answer (status line, header fields and body) is
 * written with a single write on a TCP_NODELAY socket, so that it leaves at once instead of waiting for the client's
 * delayed ACK of a separately sent header block.
 */
final class HttpConnection implements Runnable {
    /** Server side of what clients should see as an "idle connection closed" (they validate pooled connections). */
    static final int IDLE_TIMEOUT_MILLIS = 120_000;

    /** How long a refused TLS client may keep sending before the connection is closed anyway. */
    static final int REFUSAL_DRAIN_MILLIS = 2_000;

    private static final int REFUSAL_DRAIN_MAX_BYTES = 256 * 1024;

    private final Socket socket;
    private final TlsLayer tls; // null: plain HTTP
    private final EmulatorServer.Handler handler;
    private final Runnable onClose;

    HttpConnection(Socket socket, TlsLayer tls, EmulatorServer.Handler handler, Runnable onClose) {
        this.socket = socket;
        this.tls = tls;
        this.handler = handler;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try (Socket plain = socket) {
            plain.setTcpNoDelay(true);
            plain.setSoTimeout(IDLE_TIMEOUT_MILLIS);
            if (tls == null) {
                serve(plain, null);
                return;
            }
            SSLSocket secure = tls.layer(plain);
            X509Certificate clientCertificate;
            try {
                clientCertificate = handshake(secure);
            } catch (IOException e) {
                drainAfterRefusal(plain);
                return;
            }
            try (Socket s = secure) {
                serve(s, clientCertificate);
            }
        } catch (IOException e) {
            // the client went away or timed out, or the emulator was closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onClose.run();
        }
    }

    private void serve(Socket s, X509Certificate clientCertificate) throws IOException, InterruptedException {
        OutputStream out = s.getOutputStream();
        HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(s.getInputStream(), 16 * 1024), out);
        serve(reader, out, clientCertificate);
    }

    /**
     * Completes the TLS handshake (where the client certificate, if asked for, is checked against the trusted CAs) and
     * returns the certificate the client presented, or null.
     */
    private static X509Certificate handshake(SSLSocket tls) throws IOException {
        tls.startHandshake();
        try {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate first ? first : null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // the client sent no certificate (or was not asked for one)
        }
    }

    /**
     * After a failed handshake, whose fatal alert has been sent, reads what the client still sends before closing:
     * closing a socket with unread input resets the connection, and the client would then see "broken pipe" or
     * "connection reset" instead of the alert (a refused client certificate, for example).
     */
    private static void drainAfterRefusal(Socket plain) {
        try {
            plain.shutdownOutput();
            plain.setSoTimeout(REFUSAL_DRAIN_MILLIS);
            InputStream in = plain.getInputStream();
            byte[] buffer = new byte[4096];
            int total = 0;
            for (int n = in.read(buffer); n >= 0 && total < REFUSAL_DRAIN_MAX_BYTES; n = in.read(buffer)) {
                total += n;
            }
        } catch (IOException e) {
            // timed out, reset or closed: the socket is closed anyway
        }
    }

    private void serve(HttpRequestReader reader, OutputStream out, X509Certificate clientCertificate)
            throws IOException, InterruptedException {
        while (true) {
            HttpRequest request;
            try {
                request = reader.read();
            } catch (HttpRequestReader.ProtocolException e) {
                out.write(encode(Response.apiError(e.status, e.getMessage()), false, false, "HTTP/1.1"));
                out.flush();
                return;
            }
            if (request == null) {
                return;
            }
            Response response = handler.handle(request.withClientCertificate(clientCertificate));
            if (response.isDrop()) {
                return;
            }
            boolean keepAlive = request.keepAlive();
            out.write(encode(response, keepAlive, request.isHead(), request.version()));
            out.flush();
            if (!keepAlive) {
                return;
            }
        }
    }

    /** The whole answer as bytes; a HEAD answer has the Content-Length of the body it leaves out. */
    static byte[] encode(Response response, boolean keepAlive, boolean head, String requestVersion) {
        int status = response.status();
        boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
        byte[] body = bodyAllowed && !head ? response.body() : new byte[0];
        StringBuilder header = new StringBuilder(256)
                .append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\n");
        field(header, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        if (response.contentType() != null && bodyAllowed) {
            field(header, "Content-Type", response.contentType());
        }
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            field(header, h.getKey(), h.getValue());
        }
        if (bodyAllowed) {
            field(header, "Content-Length", Integer.toString(response.body().length));
        }
        if (!keepAlive) {
            field(header, "Connection", "close");
        } else if ("HTTP/1.0".equals(requestVersion)) {
            field(header, "Connection", "keep-alive");
        }
        header.append("\r\n");
        byte[] head0 = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream all = new ByteArrayOutputStream(head0.length + body.length);
        all.writeBytes(head0);
        all.writeBytes(body);
        return all.toByteArray();
    }

    /** Appends a header field; CR and LF in the value (from a test's fault) become spaces, so they cannot split it. */
    private static void field(StringBuilder header, String name, String value) {
        header.append(name)
                .append(": ")
                .append(value.replace('\r', ' ').replace('\n', ' '))
                .append("\r\n");
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
