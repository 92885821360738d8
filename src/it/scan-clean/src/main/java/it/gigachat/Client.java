package it.gigachat;

/** Reads the key from the environment, as it should. */
public final class Client {
    private final String clientSecret = System.getenv("GIGACHAT_CLIENT_SECRET");
    private final String clientId = "3f2b8c1e-7a4d-4e29-9b6f-1c0d5e8a2f47";

    public String describe() {
        return clientId + " " + (clientSecret == null ? "no secret" : "secret set");
    }
}
