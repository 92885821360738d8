package it.gigachat.canary;

/** Something for the compiler to do under -X. */
public final class Guide {
    private Guide() {}

    /** Where the packaged embeddings are. */
    public static String embeddingsResource() {
        return "META-INF/gigachat/embeddings/manifest.json";
    }
}
