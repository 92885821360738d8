package io.github.gigachat.maven;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Decrypts settings.xml passwords with Maven's SettingsDecrypter ({@code mvn --encrypt-password} values). A problem is
 * an error that names the element, never a silent fallback to the encrypted text.
 */
final class SettingsDecryption {
    private SettingsDecryption() {}

    static Server server(SettingsDecrypter decrypter, Server server) throws MojoExecutionException {
        if (decrypter == null) {
            return server;
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        failOnErrors(result, "<server> " + server.getId());
        return result.getServer() == null ? server : result.getServer();
    }

    static Proxy proxy(SettingsDecrypter decrypter, Proxy proxy) throws MojoExecutionException {
        if (decrypter == null || proxy.getPassword() == null) {
            return proxy;
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
        failOnErrors(result, "<proxy> " + proxy.getId());
        return result.getProxy() == null ? proxy : result.getProxy();
    }

    private static void failOnErrors(SettingsDecryptionResult result, String element) throws MojoExecutionException {
        List<SettingsProblem> errors = result.getProblems().stream()
                .filter(p -> p.getSeverity() == SettingsProblem.Severity.ERROR
                        || p.getSeverity() == SettingsProblem.Severity.FATAL)
                .toList();
        if (!errors.isEmpty()) {
            throw new MojoExecutionException(
                    "Cannot decrypt the <password> (or <passphrase>) of " + element + " in settings.xml: "
                            + errors.stream().map(SettingsProblem::getMessage).collect(Collectors.joining("; "))
                            + ". Check ~/.m2/settings-security.xml (the master password) or re-encrypt the value with"
                            + " 'mvn --encrypt-password'.");
        }
    }
}
