package io.github.gigachat.maven;

import io.github.gigachat.client.CertificateFileException;
import io.github.gigachat.client.CertificateSetting;
import io.github.gigachat.client.ClientCertificate;
import io.github.gigachat.client.SecretMasker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.settings.Server;

/**
 * Finds the client certificate to present, the environment before settings.xml: {@code GIGACHAT_CERT_FILE} (a PEM
 * certificate, or PKCS#12) with {@code GIGACHAT_KEY_FILE} (a PEM key; not needed with PKCS#12 or a PEM file holding
 * both) and {@code GIGACHAT_KEY_FILE_PASSWORD}; else the {@code <privateKey>} of the {@code <server>} (a PKCS#12 file,
 * or a PEM file holding certificate and key) with its {@code <passphrase>}. Relative paths are resolved against the
 * build's top directory. A file that cannot be used is reported as {@link CertificateSetting.Unusable}, for the goals
 * to judge; the passphrase is registered with the masker and never kept.
 */
final class MavenCertificates {
    static final String CERT_FILE_ENV = "GIGACHAT_CERT_FILE";
    static final String KEY_FILE_ENV = "GIGACHAT_KEY_FILE";
    static final String KEY_PASSWORD_ENV = "GIGACHAT_KEY_FILE_PASSWORD";

    private MavenCertificates() {}

    /** The certificate configured, loaded or unusable; null when none is. */
    static CertificateSetting find(
            Map<String, String> environment,
            Server server,
            String serverId,
            SecretMasker masker,
            Path baseDirectory,
            List<String> notes) {
        String password = environment.get(KEY_PASSWORD_ENV);
        masker.add(password);
        String certFile = environment.get(CERT_FILE_ENV);
        String keyFile = environment.get(KEY_FILE_ENV);
        if (certFile != null && !certFile.isBlank()) {
            String description = keyFile == null || keyFile.isBlank()
                    ? "the environment variable " + CERT_FILE_ENV
                    : "the environment variables " + CERT_FILE_ENV + " and " + KEY_FILE_ENV;
            return load(
                    "env:" + CERT_FILE_ENV,
                    description,
                    baseDirectory.resolve(certFile.strip()),
                    keyFile == null || keyFile.isBlank() ? null : baseDirectory.resolve(keyFile.strip()),
                    password);
        }
        if (keyFile != null && !keyFile.isBlank()) {
            notes.add(KEY_FILE_ENV + " is set without " + CERT_FILE_ENV + "; no client certificate is presented.");
        }
        if (server != null
                && server.getPrivateKey() != null
                && !server.getPrivateKey().isBlank()) {
            CertificateSetting found = load(
                    "settings:" + serverId,
                    "the <privateKey> of <server> " + serverId + " in settings.xml",
                    baseDirectory.resolve(server.getPrivateKey().strip()),
                    null,
                    server.getPassphrase());
            return found instanceof CertificateSetting.Unusable unusable
                    ? new CertificateSetting.Unusable(
                            unusable.source(), unusable.description(), inServerWords(unusable.problem(), serverId))
                    : found;
        }
        return null;
    }

    /** The loader names the SDKs' variables; for a {@code <server>} the elements that were really used. */
    private static String inServerWords(String problem, String serverId) {
        String file = "the <privateKey> of <server> " + serverId;
        return problem.replace(KEY_PASSWORD_ENV, "the <passphrase> of <server> " + serverId)
                .replace(CERT_FILE_ENV + " and " + KEY_FILE_ENV, file)
                .replace(CERT_FILE_ENV, file)
                .replace(KEY_FILE_ENV, file);
    }

    private static CertificateSetting load(
            String source, String description, Path certFile, Path keyFile, String password) {
        try {
            ClientCertificate certificate = ClientCertificate.load(
                    certFile, keyFile, password == null || password.isEmpty() ? null : password.toCharArray());
            return new CertificateSetting.Loaded(source, description, certificate);
        } catch (CertificateFileException e) {
            return new CertificateSetting.Unusable(source, description, e.getMessage());
        }
    }
}
