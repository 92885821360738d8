package io.github.gigachat.client;

/** The client's own configuration is unusable (unreadable CA bundle, bad URL); the message names the setting. */
public final class ConfigurationException extends GigaChatException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
