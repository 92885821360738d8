package io.github.gigachat.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes the HTTP client: endpoints, timeout, trust, proxy, retries. Built by the Maven layer from POM
 * parameters, environment variables and settings.xml.
 */
public final class ClientConfig {
    public static final URI DEFAULT_AUTH_URL = URI.create("https://ngw.devices.sberbank.ru:9443/api/v2/oauth");
    public static final URI DEFAULT_BASE_URL = URI.create("https://gigachat.devices.sberbank.ru/api/v1");

    final URI authUrl;
    final URI baseUrl;
    final Duration timeout;
    final Path caBundleFile;
    final ClientCertificate clientCertificate;
    final boolean insecure;
    final ProxyConfig proxy;
    final String userAgent;
    final RetryPolicy retryPolicy;
    final Sleeper sleeper;
    final Clock clock;
    final int maxConnections;
    final RequestRateLimiter oauthLimiter;

    private ClientConfig(Builder b) {
        this.authUrl = Objects.requireNonNull(b.authUrl, "authUrl");
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(b.baseUrl, "baseUrl"));
        this.timeout = b.timeout;
        this.caBundleFile = b.caBundleFile;
        this.clientCertificate = b.clientCertificate;
        this.insecure = b.insecure;
        this.proxy = b.proxy;
        this.userAgent = b.userAgent;
        this.retryPolicy = b.retryPolicy;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.maxConnections = b.maxConnections;
        this.oauthLimiter = b.oauthLimiter != null ? b.oauthLimiter : RequestRateLimiter.forOAuth(authUrl);
    }

    private static URI stripTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI authUrl() {
        return authUrl;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean insecure() {
        return insecure;
    }

    public ProxyConfig proxy() {
        return proxy;
    }

    /** The client certificate presented in TLS handshakes, or null. */
    public ClientCertificate clientCertificate() {
        return clientCertificate;
    }

    /** Fluent builder with the documented defaults. */
    public static final class Builder {
        private URI authUrl = DEFAULT_AUTH_URL;
        private URI baseUrl = DEFAULT_BASE_URL;
        private Duration timeout = Duration.ofSeconds(30);
        private Path caBundleFile;
        private ClientCertificate clientCertificate;
        private boolean insecure;
        private ProxyConfig proxy;
        private String userAgent = PluginVersion.userAgent();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.REAL;
        private Clock clock = Clock.systemUTC();
        private int maxConnections = 16;
        private RequestRateLimiter oauthLimiter;

        public Builder authUrl(URI value) {
            this.authUrl = value;
            return this;
        }

        public Builder baseUrl(URI value) {
            this.baseUrl = value;
            return this;
        }

        public Builder timeout(Duration value) {
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = value;
            return this;
        }

        public Builder caBundleFile(Path value) {
            this.caBundleFile = value;
            return this;
        }

        /** A client certificate to present on this client's TLS connections only (mutual TLS); null for none. */
        public Builder clientCertificate(ClientCertificate value) {
            this.clientCertificate = value;
            return this;
        }

        public Builder insecure(boolean value) {
            this.insecure = value;
            return this;
        }

        public Builder proxy(ProxyConfig value) {
            this.proxy = value;
            return this;
        }

        public Builder userAgent(String value) {
            this.userAgent = value;
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value);
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value);
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        /** The OAuth endpoint's rate limit; by default the one this JVM shares for the endpoint's origin. */
        public Builder oauthLimiter(RequestRateLimiter value) {
            this.oauthLimiter = Objects.requireNonNull(value);
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(this);
        }
    }
}
