package io.github.gigachat.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * One HTTP exchange at a time over Apache HttpClient 5: real TLS with the configured trust, the proxy from Maven
 * settings on this client only, per-exchange timeout, no automatic redirects or retries (the caller decides).
 */
final class HttpTransport implements AutoCloseable {
    /** Largest body read into memory; an embeddings answer for 16 texts of 2,560 dimensions is about 1 MiB. */
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gigachat-http-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final CloseableHttpClient client;
    private final ClientConfig config;
    private final RecordingKeyManager keys;
    private volatile SSLContext tlsContext;
    private final Map<String, ClientCertificateProbe.Finding> probed = new java.util.concurrent.ConcurrentHashMap<>();

    HttpTransport(ClientConfig config) {
        this.config = config;
        this.keys = new RecordingKeyManager(
                config.clientCertificate == null ? null : config.clientCertificate.keyManager());
        // The bundle is read now, so that a bad file is reported at once. The SSLContext (which loads the JDK's trust
        // store, some 250 classes) is built in the background while the rest starts up, and only when an endpoint
        // uses TLS at all; the first TLS connection waits for it.
        List<X509Certificate> bundle =
                config.caBundleFile == null ? List.of() : TrustMaterial.readPem(config.caBundleFile);
        Supplier<DefaultClientTlsStrategy> tlsFactory = () -> {
            SSLContext sslContext = TrustMaterial.sslContext(bundle, config.insecure, keys);
            tlsContext = sslContext;
            return config.insecure
                    ? new DefaultClientTlsStrategy(
                            sslContext, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE)
                    : new DefaultClientTlsStrategy(sslContext);
        };
        boolean usesTls = isHttps(config.authUrl) || isHttps(config.baseUrl);
        LazyTlsStrategy tls =
                new LazyTlsStrategy(usesTls ? CompletableFuture.supplyAsync(tlsFactory) : null, tlsFactory);
        Timeout timeout = Timeout.of(config.timeout);
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(tls)
                .setConnectionFactory(new SilentConnectionFactory())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(timeout)
                        .setSocketTimeout(timeout)
                        .build())
                .setMaxConnTotal(config.maxConnections)
                .setMaxConnPerRoute(config.maxConnections)
                .build();
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .setUserAgent(config.userAgent);
        ProxyConfig proxy = config.proxy;
        if (proxy != null) {
            HttpHost proxyHost = new HttpHost("http", proxy.host(), proxy.port());
            builder.setRoutePlanner(new DefaultRoutePlanner(null) {
                @Override
                protected HttpHost determineProxy(HttpHost target, HttpContext context) {
                    return proxy.bypasses(target.getHostName()) ? null : proxyHost;
                }
            });
            if (proxy.hasCredentials()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(
                        new AuthScope(proxy.host(), proxy.port()),
                        new UsernamePasswordCredentials(
                                proxy.username(),
                                proxy.password() == null
                                        ? new char[0]
                                        : proxy.password().toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        this.client = builder.build();
    }

    /** A request: method, absolute URI, headers and optional body. */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body, ContentType contentType) {
        String describe() {
            return method + " " + uri.getPath();
        }

        /** Never the headers: they carry the key or a token. */
        @Override
        public String toString() {
            return describe();
        }
    }

    /** A response fully read into memory: status, the few headers the client uses, body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String contentType() {
            String value = header("Content-Type");
            return value == null ? "" : value.toLowerCase(Locale.ROOT);
        }

        String requestId() {
            return header("X-Request-Id");
        }
    }

    Response execute(Request request) {
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().forEach(http::setHeader);
        if (request.body() != null) {
            http.setEntity(new ByteArrayEntity(request.body(), request.contentType()));
        }
        // A hard deadline for the whole exchange: socket timeouts alone let a slowly dripping server run forever.
        ScheduledFuture<?> watchdog =
                WATCHDOG.schedule(http::cancel, config.timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
        try {
            return client.execute(http, response -> {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Header header : response.getHeaders()) {
                    headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
                }
                return new Response(response.getCode(), headers, read(response.getEntity()));
            });
        } catch (IOException e) {
            throw translate(request, e, http.isCancelled());
        } finally {
            watchdog.cancel(false);
        }
    }

    private static byte[] read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new IOException("response body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    private GigaChatException translate(Request request, IOException e, boolean cancelled) {
        String where = request.describe() + " to " + request.uri().getHost() + ":" + port(request.uri());
        String seconds = config.timeout.toSeconds() + " s";
        if (cancelled || e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new TransportException(where + " timed out after " + seconds + ".", true, e);
        }
        if (isUntrustedChain(e)) {
            return new TlsException(TlsAdvice.untrustedChain(request.uri().getHost()), true, e);
        }
        String alert = ClientCertificateAlerts.refusal(e);
        boolean undecided = false;
        if (alert == null) {
            ClientCertificateProbe.Finding finding = probeClientCertificate(request.uri(), e);
            alert = finding.alert();
            undecided = finding == ClientCertificateProbe.Finding.UNDECIDED && keys.requested();
        }
        if (alert != null) {
            return new TlsException(
                    ClientCertificateAlerts.describe(request.uri().getHost(), alert, config.clientCertificate),
                    false,
                    alert,
                    e);
        }
        if (e instanceof SSLHandshakeException || e instanceof SSLException) {
            return new TlsException(
                    "TLS handshake with " + request.uri().getHost() + " failed ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")."
                            + (undecided ? " The server asked for a client certificate: it may refuse it." : "")
                            + TlsAdvice.proxyHint(config.proxy),
                    false,
                    e);
        }
        if (e instanceof UnknownHostException) {
            return new TransportException(
                    "Cannot resolve host " + request.uri().getHost() + " for " + where
                            + ". Check the URL, DNS, or the <proxies> of settings.xml.",
                    false,
                    e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new TransportException(
                    "Cannot connect for " + where + " (" + e.getClass().getSimpleName()
                            + "). Is the service reachable from this machine? Behind a corporate proxy, declare it in the"
                            + " <proxies> of settings.xml.",
                    false,
                    e);
        }
        return new TransportException(
                where + " failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + (undecided
                                ? ". The server asked for a client certificate and broke the connection off: it may"
                                        + " refuse the certificate presented (or its absence)."
                                : ""),
                false,
                e);
    }

    /**
     * After a connection to a server that asked for a client certificate broke off (TLS 1.3 servers judge the
     * certificate after the client's handshake, and a TLS 1.2 server that closes at once can win the race against the
     * client reading its alert), asks the server directly whether it refuses the certificate: once per server and
     * client, not through a proxy, and only for failures that may be such a refusal.
     */
    private ClientCertificateProbe.Finding probeClientCertificate(URI uri, IOException e) {
        boolean brokenOff = e instanceof java.net.SocketException
                || e instanceof SSLException
                || e instanceof org.apache.hc.core5.http.NoHttpResponseException;
        SSLContext context = tlsContext;
        if (!brokenOff || !keys.requested() || !isHttps(uri) || config.proxy != null || context == null) {
            return ClientCertificateProbe.Finding.UNDECIDED;
        }
        String server = uri.getHost() + ":" + port(uri);
        ClientCertificateProbe.Finding known = probed.get(server);
        if (known != null) {
            return known;
        }
        Duration wait = config.timeout.compareTo(Duration.ofSeconds(5)) < 0 ? config.timeout : Duration.ofSeconds(5);
        ClientCertificateProbe.Finding finding =
                ClientCertificateProbe.probe(context, uri.getHost(), port(uri), wait, !config.insecure);
        probed.put(server, finding);
        return finding;
    }

    /** Whether a server has asked this client for a certificate on any of its connections. */
    boolean serverAskedForClientCertificate() {
        return keys.requested();
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    private static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean isUntrustedChain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.contains("PKIX path")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
