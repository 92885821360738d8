package io.github.gigachat.client;

/** The key failed the local format check; the message says what is wrong and never contains the key. */
public final class InvalidKeyException extends GigaChatException {
    private static final long serialVersionUID = 1L;

    InvalidKeyException(String problem) {
        super("The GigaChat Authorization Key is malformed: " + problem);
    }
}
