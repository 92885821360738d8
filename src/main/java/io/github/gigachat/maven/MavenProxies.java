package io.github.gigachat.maven;

import io.github.gigachat.client.ProxyConfig;
import io.github.gigachat.client.SecretMasker;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Propagates the active settings.xml proxy to the plugin's own HTTP client (never to JVM-wide system properties). */
final class MavenProxies {
    private MavenProxies() {}

    /** The active {@code https} proxy, else the active {@code http} one (it tunnels HTTPS with CONNECT), or null. */
    static ProxyConfig select(Settings settings, SettingsDecrypter decrypter, SecretMasker masker)
            throws MojoExecutionException {
        if (settings == null) {
            return null;
        }
        List<Proxy> active =
                settings.getProxies().stream().filter(Proxy::isActive).toList();
        Proxy chosen = active.stream()
                .filter(p -> "https".equalsIgnoreCase(p.getProtocol()))
                .findFirst()
                .orElseGet(() -> active.stream()
                        .filter(p -> p.getProtocol() == null || "http".equalsIgnoreCase(p.getProtocol()))
                        .findFirst()
                        .orElse(null));
        if (chosen == null) {
            return null;
        }
        masker.add(chosen.getPassword());
        Proxy proxy = SettingsDecryption.proxy(decrypter, chosen);
        masker.add(proxy.getPassword());
        return new ProxyConfig(
                proxy.getHost(),
                proxy.getPort(),
                proxy.getUsername(),
                proxy.getPassword(),
                ProxyConfig.parseNonProxyHosts(proxy.getNonProxyHosts()));
    }
}
