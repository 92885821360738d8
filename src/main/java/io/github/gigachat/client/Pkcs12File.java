package io.github.gigachat.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;

/**
 * Reads the key and chain of a PKCS#12 file as Jenkins' certificate credentials hand it over: one password for the
 * store and its key entry.
 */
final class Pkcs12File {
    /** The key entry's key and chain (leaf first). */
    record Entry(PrivateKey key, X509Certificate[] chain) {
        /** Never the key: some providers' keys print their parameters. */
        @Override
        public String toString() {
            return "Entry[" + chain.length + " certificates]";
        }
    }

    private Pkcs12File() {}

    /** A {@code .p12}/{@code .pfx} name, or DER that starts with PKCS#12's {@code SEQUENCE { INTEGER 3 ...}}. */
    static boolean isPkcs12(Path file, byte[] content) {
        String name =
                file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return true;
        }
        try {
            if (content.length == 0 || (content[0] & 0xFF) != Der.SEQUENCE) {
                return false;
            }
            Der.Value version = Der.read(content).elements().get(0);
            return version.tag() == Der.INTEGER && version.integer().intValue() == 3;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Entry read(Path file, byte[] content, char[] password) {
        boolean noPassword = password == null || password.length == 0;
        char[] storePassword = noPassword ? new char[0] : password;
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), storePassword);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new CertificateFileException(
                        noPassword
                                ? "The PKCS#12 file " + file
                                        + " is protected by a password. Set GIGACHAT_KEY_FILE_PASSWORD" + " to it."
                                : "The password in GIGACHAT_KEY_FILE_PASSWORD does not open the PKCS#12 file " + file
                                        + ". Set it to the file's password; 'openssl pkcs12 -in " + file
                                        + " -noout' asks for it and tells whether it is right.");
            }
            throw new CertificateFileException(
                    "The PKCS#12 file " + file + " cannot be read ("
                            + e.getClass().getSimpleName()
                            + "): it is damaged or not PKCS#12. Export it again, e.g. 'openssl pkcs12 -export"
                            + " -inkey key.pem -in cert.pem -out client.p12'.",
                    e);
        } catch (GeneralSecurityException e) {
            throw new CertificateFileException(
                    "The PKCS#12 file " + file + " cannot be read ("
                            + e.getClass().getSimpleName()
                            + "): this Java runtime does not support its algorithms. Export it again with"
                            + " 'openssl pkcs12 -export' (OpenSSL 3 defaults to AES).",
                    e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return entry(file, store, alias, storePassword);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateFileException(
                    "The PKCS#12 file " + file + " cannot be read ("
                            + e.getClass().getSimpleName() + ").",
                    e);
        }
        throw new CertificateFileException("The PKCS#12 file " + file + " holds no private key, only certificates."
                + " Export it with the key: 'openssl pkcs12 -export -inkey key.pem -in cert.pem -out client.p12'.");
    }

    private static Entry entry(Path file, KeyStore store, String alias, char[] password)
            throws GeneralSecurityException {
        Key key;
        try {
            key = store.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            throw new CertificateFileException("The key in the PKCS#12 file " + file + " has a password other than"
                    + " the file's. Export it again with one password for both, as Jenkins expects.");
        }
        Certificate[] chain = store.getCertificateChain(alias);
        if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
            throw new CertificateFileException("The PKCS#12 file " + file + " holds a key without its certificate."
                    + " Export it with the certificate: 'openssl pkcs12 -export -inkey key.pem -in cert.pem'.");
        }
        return new Entry((PrivateKey) key, Arrays.copyOf(chain, chain.length, X509Certificate[].class));
    }
}
