package io.github.gigachat.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The GitHub Actions step summary: Markdown that each step appends to one file, and the cells of its tables. */
public final class StepSummary {
    private StepSummary() {}

    /** Appends {@code markdown} to the summary file, creating it when missing. */
    public static void append(Path summaryFile, String markdown) throws IOException {
        Files.writeString(
                summaryFile,
                markdown,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    /** Text that stays inside one table cell: pipes escaped, line breaks made spaces; null is empty. */
    public static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
