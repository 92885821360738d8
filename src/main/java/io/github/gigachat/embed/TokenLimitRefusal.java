package io.github.gigachat.embed;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 413 that names one text as longer than the model takes, as the API words it:
 * {@code {"status":413,"message":"Tokens limit exceeded for index 0: 1250 (max 514)"}} (recorded by a third party;
 * unconfirmed, so anything else that is 413 is treated as a request too large, split in halves).
 *
 * @param index position of the text in the request's {@code input}
 * @param tokens the tokens the API counted for it
 * @param max the most the model takes for one text
 */
public record TokenLimitRefusal(int index, long tokens, long max) {
    private static final Pattern MESSAGE = Pattern.compile(
            "tokens? limit exceeded for index\\s+(\\d{1,9})\\s*:\\s*(\\d{1,12})\\s*\\(\\s*max\\s*(\\d{1,12})\\s*\\)",
            Pattern.CASE_INSENSITIVE);

    /** The refusal an API message describes, if it is one whose numbers make sense. */
    public static Optional<TokenLimitRefusal> parse(String apiMessage) {
        if (apiMessage == null) {
            return Optional.empty();
        }
        Matcher matcher = MESSAGE.matcher(apiMessage);
        if (!matcher.find()) {
            return Optional.empty();
        }
        int index = Integer.parseInt(matcher.group(1));
        long tokens = Long.parseLong(matcher.group(2));
        long max = Long.parseLong(matcher.group(3));
        if (max < 1 || tokens <= max) {
            return Optional.empty();
        }
        return Optional.of(new TokenLimitRefusal(index, tokens, max));
    }

    /**
     * The estimated tokens a piece of a text may have so that the API counts at most {@link #max()} for it, given that
     * the text was estimated at {@code estimated}: {@code max * estimated / tokens}, less a tenth for the error of the
     * estimate. At least 1.
     */
    public int targetEstimate(int estimated) {
        double ratio = (double) estimated / tokens;
        return (int) Math.max(1, Math.floor(max * ratio * 0.9));
    }
}
