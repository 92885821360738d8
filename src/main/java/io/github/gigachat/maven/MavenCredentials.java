package io.github.gigachat.maven;

import io.github.gigachat.client.KeyFormat;
import io.github.gigachat.client.SecretMasker;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Finds the key: first the environment variable named by {@code gigachat.credentialsEnv}, then the settings.xml
 * {@code <server>} named by {@code gigachat.serverId}, decrypted with Maven's SettingsDecrypter. A decryption problem
 * is an error, never a silent fallback to the encrypted text.
 */
final class MavenCredentials {
    /** The key as found (not yet checked), or {@code raw == null} with help on how to provide one. */
    record Found(String source, String description, String raw, String missingHelp) {
        @Override
        public String toString() {
            return "Found[" + source + "]";
        }
    }

    private MavenCredentials() {}

    static Found resolve(
            Map<String, String> environment,
            String envName,
            Settings settings,
            String serverId,
            SettingsDecrypter decrypter,
            SecretMasker masker,
            List<String> notes)
            throws MojoExecutionException {
        String fromEnv = environment.get(envName);
        if (fromEnv != null) {
            masker.add(fromEnv.strip());
            if (!fromEnv.isBlank()) {
                return new Found("env:" + envName, "the environment variable " + envName, fromEnv, null);
            }
            notes.add("The environment variable " + envName + " is set but empty; looking in settings.xml.");
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        String help = "Set the environment variable " + envName + " to your Authorization Key, or add"
                + " <server><id>" + serverId + "</id><password>{key encrypted with mvn --encrypt-password}</password>"
                + "</server> to ~/.m2/settings.xml (see gigachat.serverId and gigachat.credentialsEnv).";
        if (server == null) {
            return new Found(null, null, null, help);
        }
        masker.add(server.getPassword());
        Server decrypted = SettingsDecryption.server(decrypter, server);
        String password = decrypted.getPassword();
        String username = decrypted.getUsername();
        masker.add(password);
        if (password == null || password.isBlank()) {
            return new Found(
                    null, null, null, "The <server> " + serverId + " in settings.xml has no <password>. " + help);
        }
        if (KeyFormat.isUuid(username) && !KeyFormat.isAuthorizationKey(password)) {
            String composed = KeyFormat.compose(username, password);
            masker.add(composed);
            return new Found(
                    "settings:" + serverId,
                    "the <username>/<password> (client id and client secret) of <server> " + serverId
                            + " in settings.xml",
                    composed,
                    null);
        }
        return new Found(
                "settings:" + serverId, "the <password> of <server> " + serverId + " in settings.xml", password, null);
    }
}
