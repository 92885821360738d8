package io.github.gigachat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gigachat.embed.EmbedReport;
import io.github.gigachat.scan.report.ScanReports;
import io.github.gigachat.verify.VerifyReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every name a user copies from the README and the site (a {@code gigachat.*} property or {@code -D} flag, a goal, a
 * report under {@code target/gigachat/}, the plugin's coordinates) is one the plugin really has: properties and goals
 * from the plugin descriptor that {@code maven-plugin-plugin} generated before the tests, report names from the
 * constants the code writes them with.
 */
class DocumentationNamesTest {
    /** {@code gigachat:allow} is the marker that makes the scan skip a line, not a goal. */
    private static final Set<String> NOT_GOALS = Set.of("allow");

    private static final Pattern PROPERTY =
            Pattern.compile("(?:(?<=-D)|(?<![\\w.\\-/$]))(gigachat\\.[A-Za-z][\\w.]*[A-Za-z])");
    private static final Pattern COMMAND_LINE_GOAL = Pattern.compile("(?<![\\w.\\-/])gigachat:([a-z][\\w-]*)");
    private static final Pattern POM_GOAL = Pattern.compile("<goal>([^<]+)</goal>");
    private static final Pattern REPORT = Pattern.compile("target/gigachat/([\\w.*-]+)");
    private static final Pattern PLUGIN_VERSION =
            Pattern.compile("<artifactId>gigachat-maven-plugin</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern PLUGIN_GROUP = Pattern.compile("<pluginGroup>([^<]+)</pluginGroup>");
    private static final Pattern GROUP_ID =
            Pattern.compile("<groupId>([^<]+)</groupId>\\s*<artifactId>gigachat-maven-plugin</artifactId>");

    private static final Set<String> properties = new TreeSet<>();
    private static final Set<String> goals = new TreeSet<>();
    private static final Set<String> reportDirectoryEntries = new TreeSet<>(Set.of(
            VerifyReports.JSON_REPORT,
            VerifyReports.JUNIT_REPORT,
            ScanReports.JSON_REPORT,
            ScanReports.SARIF_REPORT,
            ScanReports.JUNIT_REPORT,
            EmbedReport.FILE,
            EmbedReport.STATE_FILE));
    private static String groupId;
    private static String version;

    @BeforeAll
    static void readPluginDescriptor() throws IOException {
        Document descriptor = ProjectPom.parse(Path.of("target/classes/META-INF/maven/plugin.xml"));
        Element plugin = descriptor.getDocumentElement();
        groupId = child(plugin, "groupId").getTextContent().strip();
        version = child(plugin, "version").getTextContent().strip();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            goals.add(child(mojo, "goal").getTextContent().strip());
            Element configuration = child(mojo, "configuration");
            if (configuration == null) {
                continue;
            }
            for (Node p = configuration.getFirstChild(); p != null; p = p.getNextSibling()) {
                if (p instanceof Element parameter) {
                    Matcher expression =
                            Pattern.compile("\\$\\{(gigachat\\.[^}]+)}").matcher(parameter.getTextContent());
                    if (expression.matches()) {
                        properties.add(expression.group(1));
                    }
                    Matcher underReports = Pattern.compile("\\$\\{project\\.build\\.directory}/gigachat/([^/]+)")
                            .matcher(parameter.getAttribute("default-value"));
                    if (underReports.matches()) {
                        reportDirectoryEntries.add(underReports.group(1));
                    }
                }
            }
        }
        assertThat(goals).contains("verify", "embed", "scan", "help");
        assertThat(properties).contains("gigachat.skip", "gigachat.embed.model", "gigachat.scan.failOn");
    }

    @Test
    void everyPropertyNamedInTheDocumentationIsAParameter() throws IOException {
        List<String> unknown = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (Path page : pages()) {
            for (String property : matches(PROPERTY, page)) {
                named.add(property);
                if (!properties.contains(property)) {
                    unknown.add(page + ": " + property);
                }
            }
        }
        assertThat(unknown).as("properties the plugin does not have").isEmpty();
        assertThat(named).as("the documentation names them").contains("gigachat.scan.since", "gigachat.failOnUnknown");
    }

    @Test
    void everyGoalNamedInTheDocumentationExists() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (Path page : pages()) {
            List<String> named = new ArrayList<>(matches(COMMAND_LINE_GOAL, page));
            named.removeAll(NOT_GOALS);
            named.addAll(matches(POM_GOAL, page));
            for (String goal : named) {
                if (!goals.contains(goal)) {
                    unknown.add(page + ": " + goal);
                }
            }
        }
        assertThat(unknown).as("goals the plugin does not have").isEmpty();
    }

    @Test
    void everyReportPathIsOneThePluginWrites() throws IOException {
        List<String> unknown = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (Path page : pages()) {
            for (String entry : matches(REPORT, page)) {
                String name = entry.replaceAll("[.]+$", "");
                named.add(name);
                boolean known = name.contains("*")
                        ? reportDirectoryEntries.stream()
                                .anyMatch(
                                        e -> e.matches(name.replace(".", "\\.").replace("*", ".*")))
                        : reportDirectoryEntries.contains(name);
                if (!known) {
                    unknown.add(page + ": target/gigachat/" + entry);
                }
            }
        }
        assertThat(unknown).as("files the plugin does not write").isEmpty();
        assertThat(named)
                .as("the CI snippets name each report a CI server reads")
                .contains(
                        VerifyReports.JUNIT_REPORT,
                        ScanReports.JUNIT_REPORT,
                        ScanReports.SARIF_REPORT,
                        VerifyReports.JSON_REPORT);
    }

    @Test
    void everySnippetUsesThePluginsCoordinates() throws IOException {
        for (Path page : pages()) {
            assertThat(matches(PLUGIN_VERSION, page)).as(page + ": <version>").allMatch(version::equals);
            assertThat(matches(GROUP_ID, page)).as(page + ": <groupId>").allMatch(groupId::equals);
            assertThat(matches(PLUGIN_GROUP, page)).as(page + ": <pluginGroup>").allMatch(groupId::equals);
        }
        assertThat(matches(PLUGIN_VERSION, Path.of("README.md"))).isNotEmpty();
    }

    @Test
    void theCiSnippetsReadTheReportsWithTheCiServersOwnSteps() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String jenkinsfile = section(readme, "### Jenkinsfile");
        assertThat(jenkinsfile)
                .contains("withCredentials([string(credentialsId:", "variable: 'GIGACHAT_CREDENTIALS')")
                .contains("junit ", VerifyReports.JUNIT_REPORT, ScanReports.JUNIT_REPORT)
                .contains("recordIssues(tools: [sarif(", "pattern: 'target/gigachat/" + ScanReports.SARIF_REPORT);
        assertThat(section(readme, "### GitLab CI"))
                .contains("reports:\n      junit:", VerifyReports.JUNIT_REPORT, ScanReports.JUNIT_REPORT);
        assertThat(section(readme, "### GitHub Actions"))
                .contains(
                        "github/codeql-action/upload-sarif@",
                        "sarif_file: target/gigachat/" + ScanReports.SARIF_REPORT);
    }

    /** The README and every Markdown page of the site. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> site = Files.walk(Path.of("src/site/markdown"))) {
            site.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static List<String> matches(Pattern pattern, Path page) throws IOException {
        Matcher matcher = pattern.matcher(Files.readString(page));
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** From the heading to the next heading of the same or a higher level. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        Matcher next = Pattern.compile("\n#{1," + (level.length() - 1) + "} ").matcher(markdown);
        int end = next.find(start + heading.length() + 1) ? next.start() : markdown.length();
        return markdown.substring(start, end);
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }
}
