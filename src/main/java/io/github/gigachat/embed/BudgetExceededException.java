package io.github.gigachat.embed;

/** The new texts would cost more estimated tokens than the budget allows; nothing was sent. */
public final class BudgetExceededException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    private final long estimatedTokens;
    private final long budget;

    public BudgetExceededException(long estimatedTokens, long budget, long texts) {
        super(
                "Embedding would send about " + estimatedTokens + " new tokens, more than the budget of " + budget
                        + " tokens. Nothing was sent.",
                0,
                texts,
                null);
        this.estimatedTokens = estimatedTokens;
        this.budget = budget;
    }

    public long estimatedTokens() {
        return estimatedTokens;
    }

    public long budget() {
        return budget;
    }
}
