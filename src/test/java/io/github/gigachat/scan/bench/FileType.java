package io.github.gigachat.scan.bench;

/** The kinds of text a generated repository holds, with how often each occurs (by file count). */
enum FileType {
    JAVA("java", 38),
    XML("xml", 8),
    PROPERTIES("properties", 8),
    YAML("yaml", 12),
    JSON("json", 14),
    MARKDOWN("md", 18),
    ENV("env", 2);

    private static final int TOTAL_WEIGHT = 100;

    private final String extension;
    private final int weight;

    FileType(String extension, int weight) {
        this.extension = extension;
        this.weight = weight;
    }

    String extension() {
        return extension;
    }

    /** The type whose share of {@code [0, 100)} holds {@code roll}. */
    static FileType forRoll(int roll) {
        int bound = 0;
        for (FileType type : values()) {
            bound += type.weight;
            if (roll < bound) {
                return type;
            }
        }
        throw new IllegalArgumentException("roll must be in [0, " + TOTAL_WEIGHT + "): " + roll);
    }

    static int totalWeight() {
        return TOTAL_WEIGHT;
    }
}
