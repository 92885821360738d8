package io.github.gigachat.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What Apache's Maven Build Cache Extension reads from its {@code maven-build-cache-config.xml} that decides whether it
 * skips a goal on a cache hit: {@code <configuration><enabled>} and the executions under
 * {@code <executionControl><runAlways>}, matched the way the extension 1.2 matches them (artifactId equal, groupId equal
 * when given, goal or execution id listed; values trimmed like its XML reader does).
 */
final class BuildCacheConfig {
    private static final BuildCacheConfig DEFAULTS = new BuildCacheConfig(null, List.of());

    private final Boolean enabled;
    private final List<Rule> runAlways;

    private BuildCacheConfig(Boolean enabled, List<Rule> runAlways) {
        this.enabled = enabled;
        this.runAlways = runAlways;
    }

    /** What the extension uses when the configuration file does not exist: enabled, nothing forced. */
    static BuildCacheConfig defaults() {
        return DEFAULTS;
    }

    /** Reads a configuration file; IOException when it cannot be read or is not XML (the extension then fails). */
    static BuildCacheConfig read(Path file) throws IOException {
        Element cache = parse(file);
        Boolean enabled = null;
        Element configuration = child(cache, "configuration");
        Element enabledElement = child(configuration, "enabled");
        if (enabledElement != null) {
            enabled = Boolean.valueOf(enabledElement.getTextContent().strip());
        }
        List<Rule> rules = new ArrayList<>();
        Element runAlways = child(child(cache, "executionControl"), "runAlways");
        for (Element plugin : children(child(runAlways, "plugins"), "plugin")) {
            rules.add(Rule.of(plugin, Rule.Kind.PLUGIN, Set.of()));
        }
        for (Element execution : children(child(runAlways, "executions"), "execution")) {
            rules.add(Rule.of(execution, Rule.Kind.EXECUTION, texts(child(execution, "execIds"), "execId")));
        }
        for (Element goalsList : children(child(runAlways, "goalsLists"), "goalsList")) {
            rules.add(Rule.of(goalsList, Rule.Kind.GOALS, texts(child(goalsList, "goals"), "goal")));
        }
        return new BuildCacheConfig(enabled, List.copyOf(rules));
    }

    /** {@code <configuration><enabled>}, true when absent. */
    boolean enabled() {
        return enabled == null || enabled;
    }

    /** Whether {@code <runAlways>} names this execution, so that a cache hit runs it instead of skipping it. */
    boolean runsAlways(String groupId, String artifactId, String goal, String executionId) {
        return runAlways.stream().anyMatch(rule -> rule.matches(groupId, artifactId, goal, executionId));
    }

    /**
     * Whether the extension's {@code maven.build.cache.alwaysRunPlugins} property (comma-separated
     * {@code artifactId[:goal]}, goal {@code *} for all) names this goal; compared exactly, as the extension does.
     */
    static boolean alwaysRunPropertyMatches(String property, String artifactId, String goal) {
        if (property == null || property.isBlank()) {
            return false;
        }
        for (String entry : property.split(",")) {
            if (entry.isEmpty()) {
                continue;
            }
            String[] tokens = entry.split(":");
            String plugin = tokens.length == 0 ? "" : tokens[0];
            String pluginGoal = tokens.length <= 1 ? "*" : tokens[1];
            if (plugin.equals(artifactId) && (pluginGoal.equals("*") || pluginGoal.equals(goal))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@code .mvn/extensions.xml} declares the extension (false when the file is absent or unreadable). */
    static boolean declaresExtension(Path extensionsXml) {
        if (!Files.isRegularFile(extensionsXml)) {
            return false;
        }
        try {
            for (Element extension : children(parse(extensionsXml), "extension")) {
                if (BuildCacheExtensionCheck.EXTENSION_ARTIFACT_ID.equals(text(child(extension, "artifactId")))) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false; // Maven itself reports a broken extensions.xml
        }
        return false;
    }

    private static Element parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(file + " is not readable XML: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && name.equals(localName(element))) {
                    found.add(element);
                }
            }
        }
        return found;
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    private static Set<String> texts(Element parent, String name) {
        Set<String> values = new HashSet<>();
        children(parent, name).forEach(element -> values.add(text(element)));
        return values;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }

    /** One entry of {@code <runAlways>}: a whole plugin, some of its execution ids, or some of its goals. */
    private record Rule(Kind kind, String groupId, String artifactId, Set<String> names) {
        enum Kind {
            PLUGIN,
            EXECUTION,
            GOALS
        }

        static Rule of(Element element, Kind kind, Set<String> names) {
            return new Rule(kind, attribute(element, "groupId"), attribute(element, "artifactId"), Set.copyOf(names));
        }

        private static String attribute(Element element, String name) {
            return element.hasAttribute(name) ? element.getAttribute(name).strip() : null;
        }

        boolean matches(String groupId, String artifactId, String goal, String executionId) {
            boolean plugin =
                    artifactId.equals(this.artifactId) && (this.groupId == null || this.groupId.equals(groupId));
            return plugin
                    && switch (kind) {
                        case PLUGIN -> true;
                        case EXECUTION -> names.contains(executionId);
                        case GOALS -> names.contains(goal);
                    };
        }
    }
}
