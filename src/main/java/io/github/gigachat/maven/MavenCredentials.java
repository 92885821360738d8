package io.github.gigachat.maven;

import io.github.gigachat.client.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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
        if (username != null && UUID.matcher(username.strip()).matches() && !encodesClientCredentials(password)) {
            String composed = Base64.getEncoder()
                    .encodeToString((username.strip() + ":" + password.strip()).getBytes(StandardCharsets.UTF_8));
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

    /** Whether a password already is an Authorization Key (Base64 of "uuid:secret"), not a bare client secret. */
    private static boolean encodesClientCredentials(String password) {
        try {
            String decoded = new String(Base64.getMimeDecoder().decode(password.strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && UUID.matcher(decoded.substring(0, colon)).matches();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
