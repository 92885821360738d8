package io.github.gigachat.client;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An HTTP proxy for this client only (never JVM-wide), with Maven's {@code nonProxyHosts} semantics: a
 * {@code |}-separated list of host names in which {@code *} matches any characters.
 */
public record ProxyConfig(String host, int port, String username, String password, List<String> nonProxyHosts) {

    public ProxyConfig {
        Objects.requireNonNull(host, "host");
        nonProxyHosts = nonProxyHosts == null ? List.of() : List.copyOf(nonProxyHosts);
    }

    /** Parses Maven's {@code a.example.com|*.internal|localhost} syntax (commas are accepted too). */
    public static List<String> parseNonProxyHosts(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.split("[|,]")).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Whether requests to {@code targetHost} bypass the proxy. */
    public boolean bypasses(String targetHost) {
        String host = targetHost.toLowerCase(Locale.ROOT);
        for (String pattern : nonProxyHosts) {
            String regex = Pattern.quote(pattern.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q");
            if (host.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasCredentials() {
        return username != null && !username.isEmpty();
    }

    @Override
    public String toString() {
        return "ProxyConfig[" + host + ":" + port + (hasCredentials() ? ", user " + username : "") + "]";
    }
}
