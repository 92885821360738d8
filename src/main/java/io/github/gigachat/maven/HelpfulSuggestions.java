package io.github.gigachat.maven;

import io.github.gigachat.client.TokenOutcome;

/** Temporary: replaced by the wording of every goal in one place. */
final class HelpfulSuggestions {
    private HelpfulSuggestions() {}

    static String tokenFailure(TokenOutcome outcome, String source) {
        return "GigaChat refused the key from " + source + ": " + outcome;
    }
}
