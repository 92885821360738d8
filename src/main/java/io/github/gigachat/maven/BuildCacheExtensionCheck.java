package io.github.gigachat.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Extension;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;

/**
 * Warns, once per build, when Apache's Maven Build Cache Extension would skip {@code gigachat:verify} or
 * {@code gigachat:scan} on a cache hit: they check the world (the key, the repository), not the files the extension
 * fingerprints, so its configuration must list them under {@code <runAlways>}. Cheap without the extension: a few
 * file lookups and one class-loader lookup per build.
 */
final class BuildCacheExtensionCheck {
    static final String EXTENSION_ARTIFACT_ID = "maven-build-cache-extension";

    /** The block the README shows; the warning prints it as is. */
    static final String RUN_ALWAYS_BLOCK = String.join(
            "\n",
            "<executionControl>",
            "  <runAlways>",
            "    <goalsLists>",
            "      <goalsList artifactId=\"gigachat-maven-plugin\">",
            "        <goals>",
            "          <goal>verify</goal>",
            "          <goal>scan</goal>",
            "        </goals>",
            "      </goalsList>",
            "    </goalsLists>",
            "  </runAlways>",
            "</executionControl>");

    private static final List<String> CHECKED_GOALS = List.of("verify", "scan");
    private static final String EXTENSION_CLASS = "org/apache/maven/buildcache/BuildCacheMojosExecutionStrategy.class";

    private BuildCacheExtensionCheck() {}

    /** Logs the warning if this execution would be skipped on a hit and no earlier goal of this build has warned. */
    static void warnIfSkippedOnHit(
            MavenSession session, MavenProject project, MojoExecution execution, MaskingLog log) {
        if (session == null || session.getRequest() == null || execution == null) {
            return; // a mojo built by hand, as in unit tests
        }
        if (execution.getSource() == MojoExecution.Source.CLI) {
            return; // a goal named on the command line: the extension looks nothing up for this project
        }
        Setup setup = BuildCache.get(session.getRequest(), "build-cache-extension", () -> Setup.of(session, project))
                .value();
        List<String> skipped = setup.skippedGoals(execution, project);
        if (skipped.contains(execution.getGoal())
                && BuildCache.get(session.getRequest(), "build-cache-extension-warned", () -> Boolean.TRUE)
                        .computed()) {
            log.warn(message(setup.configFile(), skipped));
        }
    }

    static String message(Path configFile, List<String> skippedGoals) {
        String goals = String.join(
                " and ", skippedGoals.stream().map(g -> "gigachat:" + g).toList());
        return "The Maven Build Cache Extension skips " + goals + " on a cache hit: " + configFile
                + " does not list " + (skippedGoals.size() == 1 ? "it" : "them")
                + " under <executionControl><runAlways>, so a cached build would check neither the key nor the"
                + " repository. Add this inside its <cache> element (merge it into an <executionControl> the file"
                + " already has):\n"
                + RUN_ALWAYS_BLOCK;
    }

    /** What the build's extension setup says; computed once per build. */
    record Setup(boolean active, Path configFile, BuildCacheConfig config, String alwaysRunProperty) {
        static final Setup INACTIVE = new Setup(false, null, null, null);

        static Setup of(MavenSession session, MavenProject project) {
            File rootDirectory = session.getRequest().getMultiModuleProjectDirectory();
            Path root = rootDirectory != null ? rootDirectory.toPath() : null;
            String mavenVersion = property(session, "maven.version");
            if (!mavenRunsExtension(mavenVersion)
                    || !(extensionPresent(root, project, session.getTopLevelProject())
                            || (isMaven4(mavenVersion) && declaredOutsideTheProject(session)))) {
                return INACTIVE;
            }
            String configPath = property(session, "maven.build.cache.configPath");
            Path configFile = configPath != null && !configPath.isBlank()
                    ? Path.of(configPath)
                    : (root != null ? root : Path.of("")).resolve(".mvn").resolve("maven-build-cache-config.xml");
            BuildCacheConfig config;
            try {
                config = Files.exists(configFile) ? BuildCacheConfig.read(configFile) : BuildCacheConfig.defaults();
            } catch (IOException e) {
                return INACTIVE; // the extension fails the build on its own with a better message
            }
            String enabled = property(session, "maven.build.cache.enabled");
            boolean on = enabled != null ? Boolean.parseBoolean(enabled) : config.enabled();
            return on
                    ? new Setup(true, configFile, config, property(session, "maven.build.cache.alwaysRunPlugins"))
                    : INACTIVE;
        }

        /** Of verify and scan, those the extension would skip on a hit, for this execution's plugin and id. */
        List<String> skippedGoals(MojoExecution execution, MavenProject project) {
            if (!active
                    || (project != null
                            && !Boolean.parseBoolean(
                                    project.getProperties().getProperty("maven.build.cache.enabled", "true")))) {
                return List.of();
            }
            String groupId = execution.getGroupId();
            String artifactId = execution.getArtifactId();
            if (artifactId == null) {
                return List.of();
            }
            return CHECKED_GOALS.stream()
                    .filter(goal -> !config.runsAlways(groupId, artifactId, goal, execution.getExecutionId())
                            && !BuildCacheConfig.alwaysRunPropertyMatches(alwaysRunProperty, artifactId, goal))
                    .toList();
        }
    }

    /** The extension turns itself off before Maven 3.9. */
    static boolean mavenRunsExtension(String mavenVersion) {
        if (mavenVersion == null) {
            return true;
        }
        String[] parts = mavenVersion.split("[.-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 3 || (major == 3 && minor >= 9);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Only Maven 4 reads extensions.xml outside the project (the user's and the installation's). */
    static boolean isMaven4(String mavenVersion) {
        return mavenVersion != null && !mavenVersion.startsWith("3.") && !mavenVersion.startsWith("2.");
    }

    /** Declared in .mvn/extensions.xml, as a build extension of the POM, or installed in Maven's lib/ext. */
    static boolean extensionPresent(Path root, MavenProject... projects) {
        if (root != null
                && BuildCacheConfig.declaresExtension(root.resolve(".mvn").resolve("extensions.xml"))) {
            return true;
        }
        boolean inPom = Stream.of(projects)
                .filter(p -> p != null && p.getBuildExtensions() != null)
                .flatMap(p -> p.getBuildExtensions().stream())
                .map(Extension::getArtifactId)
                .anyMatch(EXTENSION_ARTIFACT_ID::equals);
        return inPom || MavenSession.class.getClassLoader().getResource(EXTENSION_CLASS) != null;
    }

    /** Maven 4 also reads core extensions from the user's and the installation's configuration directories. */
    private static boolean declaredOutsideTheProject(MavenSession session) {
        String userHome = property(session, "user.home");
        String mavenHome = property(session, "maven.home");
        return (userHome != null && BuildCacheConfig.declaresExtension(Path.of(userHome, ".m2", "extensions.xml")))
                || (mavenHome != null
                        && BuildCacheConfig.declaresExtension(Path.of(mavenHome, "conf", "extensions.xml")));
    }

    /** As the extension reads its properties: user properties (-D) first, then system properties. */
    private static String property(MavenSession session, String name) {
        for (Properties properties : new Properties[] {session.getUserProperties(), session.getSystemProperties()}) {
            String value = properties != null ? properties.getProperty(name) : null;
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
