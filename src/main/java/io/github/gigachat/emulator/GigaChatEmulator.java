package io.github.gigachat.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * An in-process fake of the GigaChat OAuth and REST API on 127.0.0.1, so clients can be tested and demonstrated
 * without a real key.
 *
 * <p>Start one with {@code GigaChatEmulator.builder().demoAccounts().start()}, point a client at {@link #authUrl()}
 * and {@link #baseUrl()}, and {@link #close()} it afterwards. Everything is thread-safe, all its threads are daemons, and it changes no
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

    /** The API base, e.g. {@code http://127.0.0.1:PORT/api/v1} (no trailing slash). */
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
        private Clock clock = Clock.systemUTC();
        private boolean expiresAtInSeconds;
        private int oauthRequestsPerSecond = 10;
        private int port;

        private Builder() {}

        public Builder account(EmulatorAccount account) {
            accounts.add(Objects.requireNonNull(account, "account"));
            return this;
        }

        /** Adds the four {@code EmulatorAccount.DEMO_*} accounts. */
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

        /** Serve HTTPS with this context instead of plain HTTP. */
        public Builder https(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
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

        /** Binds 127.0.0.1 and starts serving. */
        public GigaChatEmulator start() throws IOException {
            EmulatorState state = new EmulatorState(
                    clock, tokenTtl, latency, concurrencyLimit, expiresAtInSeconds, oauthRequestsPerSecond);
            accounts.forEach(state::addAccount);
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByAddress(LOOPBACK), port);
            EmulatorServer server = EmulatorServer.start(address, sslContext, new Router(state));
            return new GigaChatEmulator(server, state, sslContext != null);
        }

        private static Duration requirePositive(Duration d, String name) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
