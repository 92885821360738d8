package io.github.gigachat.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * An in-process fake of the GigaChat OAuth and REST API on 127.0.0.1, so clients can be tested and demonstrated
 * without a real key.
 *
 * <p>Start one with {@code GigaChatEmulator.builder().demoAccounts().start()}, point a client at {@link #authUrl()}
 * and {@link #baseUrl()}, and {@link #close()} it afterwards. Besides Authorization Keys at the OAuth endpoint it takes
 * the other credentials of the official SDKs: a user and password at {@code POST {baseUrl}/token}
 * ({@link EmulatorAccount#withUser}), access tokens made by {@link #issueToken}, and, over HTTPS, client certificates
 * ({@link Builder#trustClientCa}, {@link Builder#clientCertificate}). Everything is thread-safe, all its threads are daemons, and it changes no
 * JVM-wide state (no system property, no default socket or TLS setting).
 */
public final class GigaChatEmulator implements AutoCloseable {
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    private final EmulatorServer server;
    private final EmulatorState state;
    private final boolean https;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GigaChatEmulator(EmulatorServer server, EmulatorState state, boolean https) {
        this.server = server;
        this.state = state;
        this.https = https;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The token endpoint, e.g. {@code http://127.0.0.1:PORT/api/v2/oauth}. */
    public URI authUrl() {
        return URI.create(origin() + Route.AUTH_PATH);
    }

    /**
     * The API base, e.g. {@code http://127.0.0.1:PORT/api/v1} (no trailing slash); user and password get their token at
     * {@code POST {baseUrl}/token}.
     */
    public URI baseUrl() {
        return URI.create(origin() + Route.API_PREFIX);
    }

    private String origin() {
        return (https ? "https" : "http") + "://127.0.0.1:" + port();
    }

    public int port() {
        return server.port();
    }

    public boolean isHttps() {
        return https;
    }

    /** Adds an account, or replaces the one with the same client id (its balances start afresh). */
    public void addAccount(EmulatorAccount account) {
        state.addAccount(Objects.requireNonNull(account, "account"));
    }

    /** Queues a fault; queued faults are matched in order. */
    public void injectFault(Fault fault) {
        state.faults().add(Objects.requireNonNull(fault, "fault"));
    }

    /** Drops every fault that has not been used up yet. */
    public void clearFaults() {
        state.faults().clear();
    }

    /** Live counters. */
    public EmulatorStats stats() {
        return state.stats();
    }

    /** Every access token issued so far, oldest first (for scanning outputs for leaks). */
    public List<String> issuedTokens() {
        return state.tokens().issuedTokens();
    }

    /**
     * The current prepaid balance of {@code usage} (matched case-insensitively; 0 when absent).
     *
     * @throws IllegalArgumentException for an unknown client id
     * @throws IllegalStateException for a postpaid account
     */
    public long balance(String clientId, String usage) {
        return state.requireAccount(clientId).balance(usage);
    }

    /** Sets a prepaid balance (adds the usage when absent); same exceptions as {@link #balance}. */
    public void setBalance(String clientId, String usage, long tokens) {
        state.requireAccount(clientId).setBalance(usage, tokens);
    }

    /**
     * Issues an access token for {@code account} without an HTTP request, as a user would hold one in
     * {@code GIGACHAT_ACCESS_TOKEN}: it is valid at the API for {@code tokenTtl} (30 minutes by default) from now on the
     * emulator's clock, like the tokens of the OAuth endpoint and {@code /token}, then answers 401 "Token has
     * expired"; it is listed in {@link #issuedTokens()}. No request is counted.
     *
     * @throws IllegalArgumentException when the emulator has no account with the client id of {@code account}
     * @throws IllegalStateException when that account is revoked
     */
    public String issueToken(EmulatorAccount account) {
        AccountState known =
                state.requireAccount(Objects.requireNonNull(account, "account").clientId());
        if (known.account().isRevoked()) {
            throw new IllegalStateException("account " + account.clientId() + " is revoked");
        }
        return state.tokens().issue(account.clientId()).token();
    }

    /**
     * Accepts {@code token}, chosen by the caller, as an access token of {@code account} for the token TTL: for tests
     * whose environment pins a {@code GIGACHAT_ACCESS_TOKEN} before the emulator starts.
     */
    public void acceptToken(String token, EmulatorAccount account) {
        AccountState known =
                state.requireAccount(Objects.requireNonNull(account, "account").clientId());
        if (known.account().isRevoked()) {
            throw new IllegalStateException("account " + account.clientId() + " is revoked");
        }
        state.tokens().accept(Objects.requireNonNull(token, "token"), account.clientId());
    }

    /** Whether the HTTPS listener asks clients for a certificate (see {@link Builder#trustClientCa}). */
    public boolean asksForClientCertificates() {
        return state.clientCertificates().isEnabled();
    }

    /** Makes every token issued so far answer 401 "Token has expired"; later tokens are not affected. */
    public void expireAllTokens() {
        state.tokens().expireAll();
    }

    /** Stops the server; idempotent. Requests still being served are cut off. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
        }
    }

    /** The vector this emulator returns for {@code text} with embedding model {@code model}. */
    public static float[] vector(String model, String text) {
        return Vectors.of(model, dimensions(model), text);
    }

    /** Dimensions of an embedding model of the emulator's list. */
    public static int dimensions(String model) {
        Model m = ModelCatalog.find(model)
                .filter(Model::isEmbedder)
                .orElseThrow(() -> new IllegalArgumentException("not an embedding model: " + model));
        return m.dimensions();
    }

    /** The emulator's token estimate, as {@code /tokens/count} reports it: max(1, code points / 4). */
    public static int countTokens(String text) {
        return TokenMath.count(text);
    }

    /** What the emulator bills for embedding {@code text}: {@link #countTokens} plus a per-text overhead of 5. */
    public static int billedTokens(String text) {
        return TokenMath.billed(text);
    }

    /** Ids of all models the emulator knows. */
    public static List<String> modelIds() {
        return ModelCatalog.ids();
    }

    @Override
    public String toString() {
        return "GigaChatEmulator[" + origin() + (closed.get() ? ", closed" : "") + "]";
    }

    /** Configures and starts a {@link GigaChatEmulator}. */
    public static final class Builder {
        private final List<EmulatorAccount> accounts = new ArrayList<>();
        private Duration tokenTtl = Duration.ofMinutes(30);
        private Duration latency = Duration.ZERO;
        private int concurrencyLimit;
        private SSLContext sslContext;
        private KeyManager[] keyManagers;
        private final List<X509Certificate> clientCas = new ArrayList<>();
        private final Map<String, String> clientCertificates = new LinkedHashMap<>();
        private boolean requireClientCertificate;
        private Clock clock = Clock.systemUTC();
        private boolean expiresAtInSeconds;
        private int oauthRequestsPerSecond = 10;
        private int port;

        private Builder() {}

        public Builder account(EmulatorAccount account) {
            accounts.add(Objects.requireNonNull(account, "account"));
            return this;
        }

        /** Adds the four {@code EmulatorAccount.DEMO_*} accounts ({@code DEMO_PERS_PAID} with its demo user). */
        public Builder demoAccounts() {
            accounts.add(EmulatorAccount.DEMO_PERS_PAID);
            accounts.add(EmulatorAccount.DEMO_B2B_PAID);
            accounts.add(EmulatorAccount.DEMO_CORP_POSTPAID);
            accounts.add(EmulatorAccount.DEMO_PERS_UNPAID);
            return this;
        }

        /** Lifetime of access tokens; 30 minutes by default. */
        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = requirePositive(ttl, "tokenTtl");
            return this;
        }

        /** Sleep before every answer; none by default. */
        public Builder latency(Duration latency) {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative");
            }
            this.latency = latency;
            return this;
        }

        /** Concurrent API requests per account for every account (default: PERS 1, B2B and CORP 10). */
        public Builder concurrencyLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("concurrencyLimit must be at least 1");
            }
            this.concurrencyLimit = limit;
            return this;
        }

        /**
         * Serve HTTPS with this context instead of plain HTTP. Client certificates need {@link #https(KeyStore, char[])}
         * instead: the trust of a built context cannot be changed.
         */
        public Builder https(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            this.keyManagers = null;
            return this;
        }

        /**
         * Serve HTTPS with the key and certificate chain in {@code keyStore} (a PKCS#12 file, for example); the emulator
         * builds its TLS context itself, so that it trusts the CAs of {@link #trustClientCa} and nothing else.
         *
         * @throws IllegalArgumentException when no key can be read with {@code password} (the message holds no password)
         */
        public Builder https(KeyStore keyStore, char[] password) {
            this.keyManagers = TlsLayer.keyManagers(Objects.requireNonNull(keyStore, "keyStore"), password);
            this.sslContext = null;
            return this;
        }

        /**
         * Makes the HTTPS listener ask clients for a certificate, which must chain to {@code ca} (or another CA given
         * here) or the handshake fails with a fatal alert. Needs {@link #https(KeyStore, char[])}.
         */
        public Builder trustClientCa(X509Certificate ca) {
            clientCas.add(Objects.requireNonNull(ca, "ca"));
            return this;
        }

        /**
         * Lets a request that has no Authorization header, on a connection whose client presented {@code certificate}
         * (matched by the SHA-256 of its DER encoding), act for {@code account}, which is added as {@link #account}
         * adds it. The account is looked up by client id for every request: once it is revoked, the certificate gets
         * {@code 401 {"status":401,"message":"Unauthorized"}}, as does a trusted certificate that is not mapped. A
         * request with an Authorization header is authenticated by it as usual. Needs {@link #trustClientCa}.
         */
        public Builder clientCertificate(X509Certificate certificate, EmulatorAccount account) {
            Objects.requireNonNull(account, "account");
            clientCertificates.put(
                    ClientCertificates.fingerprint(Objects.requireNonNull(certificate, "certificate")),
                    account.clientId());
            accounts.add(account);
            return this;
        }

        /**
         * Whether a client without a certificate fails the handshake (the JDK sends the alert
         * {@code certificate_required} in TLS 1.3, {@code bad_certificate} in TLS 1.2) rather than getting in and
         * needing an Authorization header; false by default. Needs {@link #trustClientCa}.
         */
        public Builder requireClientCertificate(boolean require) {
            this.requireClientCertificate = require;
            return this;
        }

        /** The clock of token issue and expiry and of the OAuth rate window; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Token requests allowed to start within any one second, 10 by default as on the real endpoint; the emulator
         * answers more with {@code 429 {"status":429,"message":"Too many requests"}} (the real body of this 429 was
         * never recorded), and every token request counts, refused ones included.
         */
        public Builder oauthRequestsPerSecond(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("oauthRequestsPerSecond must be at least 1");
            }
            this.oauthRequestsPerSecond = limit;
            return this;
        }

        /** Answer tokens in the old documented shape {@code {"tok":..,"exp":<seconds>}}. */
        public Builder expiresAtInSeconds(boolean seconds) {
            this.expiresAtInSeconds = seconds;
            return this;
        }

        /** The port to bind on 127.0.0.1; 0 (any free port) by default. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Binds 127.0.0.1 and starts serving.
         *
         * @throws IllegalStateException when client certificates are configured without {@link #trustClientCa} or
         *     without {@link #https(KeyStore, char[])}
         */
        public GigaChatEmulator start() throws IOException {
            ClientCertificates certificates = clientCertificates();
            EmulatorState state = new EmulatorState(
                    clock,
                    tokenTtl,
                    latency,
                    concurrencyLimit,
                    expiresAtInSeconds,
                    oauthRequestsPerSecond,
                    certificates);
            accounts.forEach(state::addAccount);
            TlsLayer tls = TlsLayer.of(sslContext, keyManagers, certificates);
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), port);
            EmulatorServer server = EmulatorServer.start(address, tls, new Router(state));
            return new GigaChatEmulator(server, state, tls != null);
        }

        private ClientCertificates clientCertificates() {
            if (clientCas.isEmpty()) {
                if (!clientCertificates.isEmpty() || requireClientCertificate) {
                    throw new IllegalStateException("clientCertificate(..) and requireClientCertificate(true) need"
                            + " trustClientCa(..): the CA that issued the client certificates");
                }
                return ClientCertificates.NONE;
            }
            if (keyManagers == null) {
                throw new IllegalStateException(
                        sslContext == null
                                ? "trustClientCa(..) needs HTTPS: call https(KeyStore, char[])"
                                : "trustClientCa(..) needs https(KeyStore, char[]) instead of https(SSLContext): the"
                                        + " trust of a built SSLContext cannot be changed to the client CAs");
            }
            return new ClientCertificates(clientCas, clientCertificates, requireClientCertificate);
        }

        private static Duration requirePositive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
