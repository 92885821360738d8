package io.github.gigachat.maven;

import io.github.gigachat.client.ProxyConfig;
import io.github.gigachat.client.SecretMasker;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

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
        Proxy proxy = decrypt(chosen, decrypter);
        masker.add(proxy.getPassword());
        return new ProxyConfig(
                proxy.getHost(),
                proxy.getPort(),
                proxy.getUsername(),
                proxy.getPassword(),
                ProxyConfig.parseNonProxyHosts(proxy.getNonProxyHosts()));
    }

    private static Proxy decrypt(Proxy proxy, SettingsDecrypter decrypter) throws MojoExecutionException {
        if (decrypter == null || proxy.getPassword() == null) {
            return proxy;
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
        List<SettingsProblem> problems = result.getProblems().stream()
                .filter(p -> p.getSeverity() == SettingsProblem.Severity.ERROR
                        || p.getSeverity() == SettingsProblem.Severity.FATAL)
                .toList();
        if (!problems.isEmpty()) {
            throw new MojoExecutionException("Cannot decrypt the <password> of <proxy> " + proxy.getId()
                    + " in settings.xml: "
                    + problems.stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; "))
                    + ". Check ~/.m2/settings-security.xml or re-encrypt it with 'mvn --encrypt-password'.");
        }
        return result.getProxy() == null ? proxy : result.getProxy();
    }
}
