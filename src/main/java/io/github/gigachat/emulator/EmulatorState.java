package io.github.gigachat.emulator;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Everything the handlers of one emulator share: configuration, accounts, tokens, faults and statistics. */
final class EmulatorState {
    private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();
    private final TokenStore tokens;
    private final FaultQueue faults = new FaultQueue();
    private final EmulatorStats stats = new EmulatorStats();
    private final Duration latency;
    private final int concurrencyOverride; // 0: the scope's default
    private final boolean expiresAtInSeconds;
    private final OAuthRateWindow oauthWindow;
    private final int oauthRequestsPerSecond;
    private final ClientCertificates clientCertificates;

    EmulatorState(
            Clock clock,
            Duration tokenTtl,
            Duration latency,
            int concurrencyOverride,
            boolean expiresAtInSeconds,
            int oauthRequestsPerSecond,
            ClientCertificates clientCertificates) {
        this.tokens = new TokenStore(clock, tokenTtl);
        this.latency = latency;
        this.concurrencyOverride = concurrencyOverride;
        this.expiresAtInSeconds = expiresAtInSeconds;
        this.oauthWindow = new OAuthRateWindow(clock);
        this.oauthRequestsPerSecond = oauthRequestsPerSecond;
        this.clientCertificates = clientCertificates;
    }

    /**
     * Adds or replaces (by client id, with fresh balances) an account.
     *
     * @throws IllegalArgumentException when another account already has the same {@code /token} user
     */
    synchronized void addAccount(EmulatorAccount account) {
        if (account.user() != null) {
            AccountState other = accountOfUser(account.user());
            if (other != null && !other.account().clientId().equals(account.clientId())) {
                throw new IllegalArgumentException("the user of " + account + " is already the user of "
                        + other.account() + "; give each account its own user");
            }
        }
        accounts.put(account.clientId(), new AccountState(account));
    }

    /** The account whose {@code /token} user is {@code user}, or null. */
    AccountState accountOfUser(String user) {
        for (AccountState state : accounts.values()) {
            if (user.equals(state.account().user())) {
                return state;
            }
        }
        return null;
    }

    /** The account a client certificate is mapped to, or null (not mapped, or no such account any more). */
    AccountState accountOfCertificate(X509Certificate certificate) {
        return account(clientCertificates.clientIdOf(certificate));
    }

    ClientCertificates clientCertificates() {
        return clientCertificates;
    }

    /** The account with this client id, or null. */
    AccountState account(String clientId) {
        return clientId == null ? null : accounts.get(clientId);
    }

    AccountState requireAccount(String clientId) {
        AccountState state = account(clientId);
        if (state == null) {
            throw new IllegalArgumentException("no such account: " + clientId);
        }
        return state;
    }

    int concurrencyLimit(EmulatorAccount account) {
        return concurrencyOverride > 0 ? concurrencyOverride : Scopes.defaultConcurrency(account.scope());
    }

    TokenStore tokens() {
        return tokens;
    }

    FaultQueue faults() {
        return faults;
    }

    EmulatorStats stats() {
        return stats;
    }

    OAuthRateWindow oauthWindow() {
        return oauthWindow;
    }

    /** Token requests allowed to start within one second; more are answered 429. */
    int oauthRequestsPerSecond() {
        return oauthRequestsPerSecond;
    }

    boolean expiresAtInSeconds() {
        return expiresAtInSeconds;
    }

    /** Sleeps the configured latency plus {@code extra}, as every answer does before it is sent. */
    void pause(Duration extra) throws InterruptedException {
        long millis = latency.plus(extra).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
