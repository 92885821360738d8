package io.github.gigachat.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Reading the Build Cache Extension's configuration and matching executions the way the extension 1.2 does. */
class BuildCacheConfigTest {
    static final Path FIXTURES = Path.of("src/test/resources/io/github/gigachat/maven/build-cache");
    private static final String GROUP = "io.github.gigachat";
    private static final String PLUGIN = "gigachat-maven-plugin";

    private static BuildCacheConfig read(String name) throws IOException {
        return BuildCacheConfig.read(FIXTURES.resolve(name));
    }

    @Test
    void theReadmeBlockKeepsVerifyAndScanRunningButNotEmbed() throws IOException {
        BuildCacheConfig config = read("readme-config.xml");
        assertThat(config.enabled()).isTrue();
        assertThat(config.runsAlways(GROUP, PLUGIN, "verify", "default")).isTrue();
        assertThat(config.runsAlways(GROUP, PLUGIN, "scan", "scan")).isTrue();
        assertThat(config.runsAlways(GROUP, PLUGIN, "embed", "default")).isFalse();
        assertThat(config.runsAlways(GROUP, "other-plugin", "verify", "default"))
                .isFalse();
    }

    @Test
    void aWholePluginRunsAlwaysWhenItsGroupMatches() throws IOException {
        BuildCacheConfig config = read("run-always-plugin.xml");
        assertThat(config.runsAlways(GROUP, PLUGIN, "embed", "default")).isTrue();
        assertThat(config.runsAlways("com.fork", PLUGIN, "verify", "default")).isFalse();
    }

    @Test
    void executionIdsMatchOnlyThatExecution() throws IOException {
        BuildCacheConfig config = read("run-always-execution.xml");
        assertThat(config.runsAlways(GROUP, PLUGIN, "verify", "check-key")).isTrue();
        assertThat(config.runsAlways(GROUP, PLUGIN, "verify", "default-cli")).isFalse();
    }

    @Test
    void valuesAreTrimmedAndGoalsMatchExactly() throws IOException {
        BuildCacheConfig config = read("run-always-verify-only.xml");
        assertThat(config.runsAlways(GROUP, PLUGIN, "verify", "default")).isTrue();
        assertThat(config.runsAlways(GROUP, PLUGIN, "scan", "default")).isFalse();
        assertThat(config.runsAlways("org.apache.maven.plugins", "maven-install-plugin", "install", "x"))
                .isTrue();
    }

    @Test
    void aGroupIdOfAnotherPluginDoesNotMatch() throws IOException {
        assertThat(read("run-always-other-group.xml").runsAlways(GROUP, PLUGIN, "verify", "default"))
                .isFalse();
    }

    @Test
    void enabledIsTrueUnlessTheFileSaysFalse() throws IOException {
        assertThat(read("disabled.xml").enabled()).isFalse();
        assertThat(read("remote-only.xml").enabled()).isTrue();
        assertThat(BuildCacheConfig.defaults().enabled()).isTrue();
        assertThat(BuildCacheConfig.defaults().runsAlways(GROUP, PLUGIN, "verify", "default"))
                .isFalse();
    }

    @Test
    void aBrokenFileIsAnIoExceptionNamingIt() {
        assertThatThrownBy(() -> read("broken.xml"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("broken.xml");
    }

    @Test
    void theAlwaysRunPluginsPropertyMatchesArtifactIdAndGoalExactly() {
        assertThat(BuildCacheConfig.alwaysRunPropertyMatches(PLUGIN + ":verify", PLUGIN, "verify"))
                .isTrue();
        assertThat(BuildCacheConfig.alwaysRunPropertyMatches("x:y," + PLUGIN, PLUGIN, "scan"))
                .isTrue();
        assertThat(BuildCacheConfig.alwaysRunPropertyMatches(PLUGIN + ":*", PLUGIN, "scan"))
                .isTrue();
        assertThat(BuildCacheConfig.alwaysRunPropertyMatches(PLUGIN + ":verify", PLUGIN, "scan"))
                .isFalse();
        assertThat(BuildCacheConfig.alwaysRunPropertyMatches("x:y, " + PLUGIN + ":scan", PLUGIN, "scan"))
                .as("the extension does not trim entries")
                .isFalse();
        assertThat(BuildCacheConfig.alwaysRunPropertyMatches(null, PLUGIN, "scan"))
                .isFalse();
    }

    @Test
    void extensionsXmlDeclaresTheExtensionOrNot() {
        assertThat(BuildCacheConfig.declaresExtension(FIXTURES.resolve("extensions.xml")))
                .isTrue();
        assertThat(BuildCacheConfig.declaresExtension(FIXTURES.resolve("extensions-other.xml")))
                .isFalse();
        assertThat(BuildCacheConfig.declaresExtension(FIXTURES.resolve("broken.xml")))
                .isFalse();
        assertThat(BuildCacheConfig.declaresExtension(FIXTURES.resolve("absent.xml")))
                .isFalse();
    }
}
