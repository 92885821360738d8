package io.github.gigachat.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's Build Cache Extension setup is the one the invoker test proves and the warning prints. */
class BuildCacheReadmeTest {
    private static final Path IT = Path.of("src/it/build-cache-embed/.mvn");

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }

    /** Each line stripped of its indentation, so that a block may be nested deeper in the README. */
    private static String unindented(String text) {
        return text.lines().map(String::strip).collect(Collectors.joining("\n"));
    }

    @Test
    void theConfigurationBlocksAreTheInvokerTestsOwn() throws IOException {
        String config = Files.readString(IT.resolve("maven-build-cache-config.xml"), StandardCharsets.UTF_8);
        String body = config.substring(config.indexOf("  <input>"), config.indexOf("</cache>"));
        assertThat(readme()).contains(body);
    }

    @Test
    void theExtensionIsDeclaredWithTheVersionThePomPins() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        String version = pom.replaceAll(
                "(?s).*<maven-build-cache-extension.version>([^<]+)</maven-build-cache-extension.version>.*", "$1");
        assertThat(readme())
                .contains(
                        "<artifactId>maven-build-cache-extension</artifactId>\n    <version>" + version + "</version>");
        assertThat(Files.readString(IT.resolve("extensions.xml"), StandardCharsets.UTF_8))
                .contains("<version>@maven-build-cache-extension.version@</version>");
    }

    @Test
    void theWarningPrintsTheReadmesRunAlwaysBlock() throws IOException {
        String block = BuildCacheExtensionCheck.RUN_ALWAYS_BLOCK;
        String runAlways = block.substring(block.indexOf("<runAlways>"), block.indexOf("</executionControl>"));
        assertThat(block).startsWith("<executionControl>");
        assertThat(unindented(readme())).contains(unindented(runAlways));
    }
}
