package io.github.gigachat.emulator;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads HTTP/1.x requests off one connection: request line, header fields, and a Content-Length or chunked body. */
final class HttpRequestReader {
    static final int MAX_LINE_BYTES = 8 * 1024;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** A request the server refuses to read on: answered with {@code status}, then the connection is closed. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        final int status;

        ProtocolException(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final InputStream in;
    private final OutputStream out;

    /** {@code in} should be buffered; {@code out} receives the interim "100 Continue" answers. */
    HttpRequestReader(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** The next request, or null when the client closed the connection before sending one. */
    HttpRequest read() throws IOException {
        String requestLine = readLine(true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(true); // a client may send a stray CRLF between requests (RFC 9112, 2.2)
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !isToken(parts[0])) {
            throw new ProtocolException(400, "Malformed request line");
        }
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new ProtocolException(505, "HTTP version not supported");
        }
        String path = path(parts[1]);
        Map<String, List<String>> headers = readHeaders();
        HttpRequest head = new HttpRequest(parts[0], path, version, headers, new byte[0]);
        byte[] body = readBody(head);
        return new HttpRequest(parts[0], path, version, headers, body);
    }

    private static String path(String target) throws ProtocolException {
        try {
            String path = new URI(target).getPath();
            if (path == null || path.isEmpty()) {
                throw new ProtocolException(400, "Malformed request target");
            }
            return path;
        } catch (URISyntaxException e) {
            throw new ProtocolException(400, "Malformed request target");
        }
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int total = 0;
        for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new ProtocolException(431, "Request header fields too large");
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            if (name.isEmpty() || !isToken(name)) {
                throw new ProtocolException(400, "Malformed header field");
            }
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1))
                    .add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    private byte[] readBody(HttpRequest head) throws IOException {
        String transferEncoding = head.header("Transfer-Encoding");
        if (transferEncoding != null) {
            if (!transferEncoding.toLowerCase(Locale.ROOT).trim().endsWith("chunked")) {
                throw new ProtocolException(400, "Unsupported transfer coding");
            }
            sendContinueIfExpected(head);
            return readChunked();
        }
        long length = contentLength(head);
        if (length > MAX_BODY_BYTES) {
            throw new ProtocolException(413, "Payload too large");
        }
        if (length == 0) {
            return new byte[0];
        }
        sendContinueIfExpected(head);
        return readExactly((int) length);
    }

    private static long contentLength(HttpRequest head) throws ProtocolException {
        List<String> values = head.headers().getOrDefault("content-length", List.of());
        long length = -1;
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                String digits = item.trim();
                if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
                    throw new ProtocolException(400, "Malformed Content-Length");
                }
                long parsed = Long.parseLong(digits);
                if (length >= 0 && parsed != length) {
                    throw new ProtocolException(400, "Conflicting Content-Length values");
                }
                length = parsed;
            }
        }
        return Math.max(length, 0);
    }

    private void sendContinueIfExpected(HttpRequest head) throws IOException {
        if ("HTTP/1.1".equals(head.version()) && "100-continue".equalsIgnoreCase(head.header("Expect"))) {
            out.write(CONTINUE);
            out.flush();
        }
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            int size;
            try {
                size = hex.isEmpty() || hex.length() > 8 ? -1 : Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 0) {
                throw new ProtocolException(400, "Malformed chunk size");
            }
            if (size == 0) {
                break;
            }
            if ((long) body.size() + size > MAX_BODY_BYTES) {
                throw new ProtocolException(413, "Payload too large");
            }
            body.write(readExactly(size));
            if (!readLine(false).isEmpty()) {
                throw new ProtocolException(400, "Malformed chunk");
            }
        }
        int trailerBytes = 0;
        for (String trailer = readLine(false); !trailer.isEmpty(); trailer = readLine(false)) {
            trailerBytes += trailer.length() + 2;
            if (trailerBytes > MAX_HEADER_BYTES) {
                throw new ProtocolException(431, "Request trailer fields too large");
            }
        }
        return body.toByteArray();
    }

    private byte[] readExactly(int length) throws IOException {
        byte[] data = in.readNBytes(length);
        if (data.length != length) {
            throw new EOFException("the client closed the connection in the middle of a request body");
        }
        return data;
    }

    /** A line without its CRLF (or bare LF), as ISO-8859-1; null on a clean end of stream if {@code eofAllowed}. */
    private String readLine(boolean eofAllowed) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.length() == 0) {
                    return null;
                }
                throw new EOFException("the client closed the connection in the middle of a request");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE_BYTES) {
                throw new ProtocolException(431, "Request line or header field too long");
            }
            line.append((char) b);
        }
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
