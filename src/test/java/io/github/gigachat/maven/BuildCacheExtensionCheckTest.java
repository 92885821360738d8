package io.github.gigachat.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.github.gigachat.client.SecretMasker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Extension;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When gigachat:verify and gigachat:scan warn that the Build Cache Extension would skip them: once per build. */
class BuildCacheExtensionCheckTest {
    @TempDir
    Path root;

    private final Properties userProperties = new Properties();
    private final Properties systemProperties = new Properties();
    private final MavenProject project = new MavenProject(new Model());
    private VerifyMojoTest.CapturingLog log = new VerifyMojoTest.CapturingLog();
    private MavenSession session;

    @BeforeEach
    void newBuild() {
        MavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setMultiModuleProjectDirectory(root.toFile());
        session = mock(MavenSession.class);
        when(session.getRequest()).thenReturn(request);
        when(session.getUserProperties()).thenReturn(userProperties);
        when(session.getSystemProperties()).thenReturn(systemProperties);
        systemProperties.setProperty("maven.version", "3.9.16");
    }

    private void mvn(String fixture, String name) throws IOException {
        Files.createDirectories(root.resolve(".mvn"));
        Files.copy(
                BuildCacheConfigTest.FIXTURES.resolve(fixture),
                root.resolve(".mvn").resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private void run(String goal) {
        run(goal, "default");
    }

    private void run(String goal, String executionId) {
        run(goal, executionId, MojoExecution.Source.LIFECYCLE);
    }

    private void run(String goal, String executionId, MojoExecution.Source source) {
        PluginDescriptor plugin = new PluginDescriptor();
        plugin.setGroupId("io.github.gigachat");
        plugin.setArtifactId("gigachat-maven-plugin");
        MojoDescriptor mojo = new MojoDescriptor();
        mojo.setGoal(goal);
        mojo.setPluginDescriptor(plugin);
        BuildCacheExtensionCheck.warnIfSkippedOnHit(
                session,
                project,
                new MojoExecution(mojo, executionId, source),
                new MaskingLog(log, new SecretMasker()));
    }

    private List<String> warnings() {
        return log.lines("WARN");
    }

    @Test
    void withoutTheExtensionNothingIsSaid() throws IOException {
        mvn("extensions-other.xml", "extensions.xml");
        run("verify");
        run("scan");
        assertThat(log.text()).isEmpty();
    }

    @Test
    void theExtensionWithoutConfigurationWarnsOncePerBuildWithTheBlock() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        run("verify");
        run("scan");
        run("verify");
        assertThat(warnings()).hasSize(1);
        String warning = warnings().get(0);
        assertThat(warning)
                .contains("gigachat:verify and gigachat:scan")
                .contains("<executionControl><runAlways>")
                .contains(root.resolve(".mvn/maven-build-cache-config.xml").toString())
                .endsWith(BuildCacheExtensionCheck.RUN_ALWAYS_BLOCK);
    }

    @Test
    void theReadmeConfigurationSilencesIt() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        mvn("readme-config.xml", "maven-build-cache-config.xml");
        run("verify");
        run("scan");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aGoalThatIsListedDoesNotWarnButTheOtherOneDoes() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        mvn("run-always-verify-only.xml", "maven-build-cache-config.xml");
        run("verify");
        assertThat(warnings()).isEmpty();
        run("scan");
        assertThat(warnings()).singleElement().asString().contains("skips gigachat:scan on a cache hit");
    }

    @Test
    void executionIdsAreMatchedPerExecution() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        mvn("run-always-execution.xml", "maven-build-cache-config.xml");
        run("verify", "check-key");
        assertThat(warnings()).isEmpty();
        run("verify", "default-cli");
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void aCacheThatIsOffDoesNotWarn() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        mvn("disabled.xml", "maven-build-cache-config.xml");
        run("verify");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void thePropertyOverridesTheFileEitherWay() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        mvn("disabled.xml", "maven-build-cache-config.xml");
        userProperties.setProperty("maven.build.cache.enabled", "true");
        run("verify");
        assertThat(warnings()).hasSize(1);

        newBuild();
        log = new VerifyMojoTest.CapturingLog();
        userProperties.setProperty("maven.build.cache.enabled", "false");
        run("verify");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aProjectThatTurnsTheCacheOffDoesNotWarn() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        project.getProperties().setProperty("maven.build.cache.enabled", "false");
        run("verify");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void theAlwaysRunPluginsPropertyCounts() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        userProperties.setProperty("maven.build.cache.alwaysRunPlugins", "gigachat-maven-plugin:*");
        run("verify");
        run("scan");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void theConfigPathPropertyPointsElsewhere() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        Path elsewhere = root.resolve("ci-cache.xml");
        Files.copy(BuildCacheConfigTest.FIXTURES.resolve("readme-config.xml"), elsewhere);
        systemProperties.setProperty("maven.build.cache.configPath", elsewhere.toString());
        run("verify");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void olderMavenRunsWithoutTheCache() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        systemProperties.setProperty("maven.version", "3.8.8");
        run("verify");
        assertThat(warnings()).isEmpty();
        assertThat(BuildCacheExtensionCheck.mavenRunsExtension("4.0.0-rc-5")).isTrue();
        assertThat(BuildCacheExtensionCheck.mavenRunsExtension("3.9.0")).isTrue();
        assertThat(BuildCacheExtensionCheck.mavenRunsExtension("3.6.3")).isFalse();
    }

    @Test
    void aBuildExtensionInThePomCountsToo() {
        Extension extension = new Extension();
        extension.setGroupId("org.apache.maven.extensions");
        extension.setArtifactId("maven-build-cache-extension");
        project.getModel().setBuild(new org.apache.maven.model.Build());
        project.getBuild().addExtension(extension);
        run("scan");
        assertThat(warnings()).singleElement().asString().contains("runAlways");
    }

    @Test
    void maven4sUserLevelExtensionsCountToo() throws IOException {
        Path home = root.resolve("home");
        Files.createDirectories(home.resolve(".m2"));
        Files.copy(BuildCacheConfigTest.FIXTURES.resolve("extensions.xml"), home.resolve(".m2/extensions.xml"));
        systemProperties.setProperty("user.home", home.toString());
        systemProperties.setProperty("maven.version", "4.0.0-rc-5");
        run("verify");
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void maven39ReadsNoUserLevelExtensions() throws IOException {
        Path home = root.resolve("home");
        Files.createDirectories(home.resolve(".m2"));
        Files.copy(BuildCacheConfigTest.FIXTURES.resolve("extensions.xml"), home.resolve(".m2/extensions.xml"));
        systemProperties.setProperty("user.home", home.toString());
        run("verify");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aGoalNamedOnTheCommandLineIsNeverSkippedSoNeverWarned() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        run("verify", "default-cli", MojoExecution.Source.CLI);
        assertThat(warnings()).isEmpty();
        run("verify", "default", MojoExecution.Source.LIFECYCLE);
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void aBrokenConfigurationIsLeftToTheExtension() throws IOException {
        mvn("extensions.xml", "extensions.xml");
        mvn("broken.xml", "maven-build-cache-config.xml");
        run("verify");
        assertThat(warnings()).isEmpty();
    }
}
