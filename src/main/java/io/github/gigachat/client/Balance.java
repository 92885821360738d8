package io.github.gigachat.client;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Remaining prepaid tokens per service, from {@code GET /balance}; service names match case-insensitively. */
public record Balance(Map<String, BigDecimal> values) {
    public Balance {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Optional<BigDecimal> of(String usage) {
        String wanted = usage.toLowerCase(Locale.ROOT);
        return values.entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
