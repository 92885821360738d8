package io.github.gigachat.emulator;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP/1.x request, body included.
 *
 * @param path the decoded path of the request target (no query)
 * @param headers field values by lower-case field name, in the order received
 * @param clientCertificate the certificate the client presented in the TLS handshake, or null
 */
record HttpRequest(
        String method,
        String path,
        String version,
        Map<String, List<String>> headers,
        byte[] body,
        X509Certificate clientCertificate) {
    HttpRequest(String method, String path, String version, Map<String, List<String>> headers, byte[] body) {
        this(method, path, version, headers, body, null);
    }

    /** This request as received on a connection whose client presented {@code certificate} (null: none). */
    HttpRequest withClientCertificate(X509Certificate certificate) {
        return new HttpRequest(method, path, version, headers, body, certificate);
    }

    /** The first value of the header {@code name} (any case), or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether the connection stays open after the answer: HTTP/1.1 unless "close", HTTP/1.0 only on "keep-alive". */
    boolean keepAlive() {
        boolean close = false;
        boolean keepAlive = false;
        for (String value : headers.getOrDefault("connection", List.of())) {
            for (String option : value.split(",")) {
                String token = option.trim().toLowerCase(Locale.ROOT);
                close |= token.equals("close");
                keepAlive |= token.equals("keep-alive");
            }
        }
        return !close && ("HTTP/1.1".equals(version) || keepAlive);
    }

    boolean isHead() {
        return "HEAD".equals(method);
    }
}
