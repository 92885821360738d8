package io.github.gigachat.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the JSON report, the JUnit XML and the step summary of {@code verify} byte for byte (they share their XML and Markdown helpers
 * with {@code scan}), with every check status and the characters that need escaping.
 */
class VerifyReportsTest {
    @TempDir
    Path directory;

    @Test
    void junitXmlIsUnchanged() throws IOException {
        assertThat(VerifyReports.junitXml(result())).isEqualTo(golden("verify-junit.golden.xml"));
    }

    @Test
    void jsonIsUnchanged() throws IOException {
        assertThat(VerifyReports.json(result())).isEqualTo(golden("verify-report.golden.json"));
    }

    @Test
    void stepSummaryIsUnchanged() throws IOException {
        Path summary = directory.resolve("summary.md");
        Files.writeString(summary, "earlier step\n");
        VerifyReports.appendGitHubSummary(summary, "demo-module", result());
        VerifyReports.appendGitHubSummary(summary, null, VerifyResult.skipped("offline | -o", false));

        assertThat(Files.readString(summary)).isEqualTo(golden("verify-summary.golden.md"));
    }

    private static VerifyResult result() {
        List<Check> checks = List.of(
                Check.pass("credentials", "from <server> \"gigachat\" & env"),
                Check.fail("models", Outcome.UNKNOWN, "HTTP 503 | retry\nlater\u0001 'quoted'"),
                Check.fail("balance:embeddings", Outcome.VALID_UNPAID, "0 tokens left"),
                Check.warn("tls", "insecure\ttrust"),
                new Check("postpaid", Check.Status.WARN, "pay-as-you-go", Outcome.VALID_POSTPAID),
                Check.skip("embeddings", "dry run > nothing sent"));
        return new VerifyResult(
                Outcome.VALID_UNPAID,
                "The key works | but a package is empty.",
                "GIGACHAT_API_PERS",
                "<server> gigachat",
                "sha256:0123456789ab",
                checks,
                Map.of("GigaChat", new BigDecimal("12.5"), "embeddings", BigDecimal.ZERO),
                List.of("GigaChat", "Embeddings"),
                1234,
                true,
                true,
                List.of("a warning"));
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = VerifyReportsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
