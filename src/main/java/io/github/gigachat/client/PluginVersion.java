package io.github.gigachat.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's own version, read from a resource filtered at build time, for the User-Agent and manifests. */
public final class PluginVersion {
    private static final String VERSION = load();

    private PluginVersion() {}

    private static String load() {
        try (InputStream in = PluginVersion.class.getResourceAsStream("/META-INF/gigachat/plugin.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static String version() {
        return VERSION;
    }

    public static String userAgent() {
        return "gigachat-maven-plugin/" + VERSION;
    }
}
