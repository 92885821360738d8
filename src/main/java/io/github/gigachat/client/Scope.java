package io.github.gigachat.client;

import java.util.Locale;
import java.util.Optional;

/** The three OAuth scopes a GigaChat Authorization Key can belong to. */
public enum Scope {
    PERS("GIGACHAT_API_PERS", "individuals"),
    B2B("GIGACHAT_API_B2B", "businesses, prepaid packages"),
    CORP("GIGACHAT_API_CORP", "businesses, pay-as-you-go");

    private final String wireName;
    private final String audience;

    Scope(String wireName, String audience) {
        this.wireName = wireName;
        this.audience = audience;
    }

    /** The value sent in the OAuth form body, e.g. {@code GIGACHAT_API_PERS}. */
    public String wireName() {
        return wireName;
    }

    public String audience() {
        return audience;
    }

    /** Parses {@code GIGACHAT_API_PERS}, {@code PERS} or {@code pers}; empty for anything else. */
    public static Optional<Scope> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        for (Scope scope : values()) {
            if (scope.wireName.equals(upper) || scope.name().equals(upper)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
