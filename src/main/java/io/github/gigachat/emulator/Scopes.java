package io.github.gigachat.emulator;

import java.util.Set;

/** The three OAuth scopes the real API knows and the concurrency limit that goes with each. */
final class Scopes {
    static final String PERS = "GIGACHAT_API_PERS";
    static final String B2B = "GIGACHAT_API_B2B";
    static final String CORP = "GIGACHAT_API_CORP";
    private static final Set<String> ALL = Set.of(PERS, B2B, CORP);

    private Scopes() {}

    static boolean isKnown(String scope) {
        return scope != null && ALL.contains(scope);
    }

    /** Default number of concurrent API requests ("streams") per account: individuals 1, businesses 10. */
    static int defaultConcurrency(String scope) {
        return PERS.equals(scope) ? 1 : 10;
    }
}
