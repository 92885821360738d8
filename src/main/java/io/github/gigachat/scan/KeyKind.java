package io.github.gigachat.scan;

/** What a finding is: a ready Authorization Key, or a client id and secret that compose one. */
public enum KeyKind {
    AUTHORIZATION_KEY("authorization-key"),
    CLIENT_CREDENTIALS("client-credentials");

    private final String id;

    KeyKind(String id) {
        this.id = id;
    }

    /** The name reports and baselines use. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
