package io.github.gigachat.embed;

/**
 * The API answered 402 Payment Required: the key's Embeddings quota is used up or was never bought. The message says
 * what to buy and that what was already embedded is kept.
 */
public final class PaymentRequiredException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    public PaymentRequiredException(String message, long embedded, long remaining, Throwable cause) {
        super(message, embedded, remaining, cause);
    }
}
