package io.github.gigachat.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The mutable side of an account inside a running emulator: current balances and requests in flight. */
final class AccountState {
    static final String EMBEDDINGS_USAGE = "embeddings";

    private final EmulatorAccount account;
    private final Map<String, Long> balances; // usage name as given -> tokens; guarded by this
    private final AtomicInteger inFlight = new AtomicInteger();

    AccountState(EmulatorAccount account) {
        this.account = account;
        this.balances = new LinkedHashMap<>(account.balances());
    }

    EmulatorAccount account() {
        return account;
    }

    /** Takes a concurrency slot unless {@code limit} requests are already in flight. */
    boolean tryAcquire(int limit) {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        inFlight.decrementAndGet();
    }

    synchronized long balance(String usage) {
        requirePrepaid();
        String key = keyFor(usage);
        return key == null ? 0 : balances.get(key);
    }

    synchronized void setBalance(String usage, long tokens) {
        requirePrepaid();
        if (tokens < 0) {
            throw new IllegalArgumentException("balance must not be negative");
        }
        String key = keyFor(usage);
        balances.put(key == null ? usage : key, tokens);
    }

    /** Current balances in their original order and spelling. */
    synchronized List<Map.Entry<String, Long>> balances() {
        List<Map.Entry<String, Long>> copy = new ArrayList<>();
        balances.forEach((usage, tokens) -> copy.add(Map.entry(usage, tokens)));
        return copy;
    }

    /**
     * Takes {@code tokens} from the {@code usage} balance of a prepaid account, all or nothing; postpaid accounts
     * always pay.
     */
    synchronized boolean charge(String usage, long tokens) {
        if (!account.isPrepaid()) {
            return true;
        }
        String key = keyFor(usage);
        long available = key == null ? 0 : balances.get(key);
        if (available < tokens) {
            return false;
        }
        balances.put(key, available - tokens);
        return true;
    }

    private String keyFor(String usage) {
        String wanted = usage.toLowerCase(Locale.ROOT);
        for (String key : balances.keySet()) {
            if (key.toLowerCase(Locale.ROOT).equals(wanted)) {
                return key;
            }
        }
        return null;
    }

    private void requirePrepaid() {
        if (!account.isPrepaid()) {
            throw new IllegalStateException("postpaid account " + account.clientId() + " has no balance");
        }
    }
}
