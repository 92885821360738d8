package io.github.gigachat.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the client's SSLContext: the JDK's trusted CAs plus the PEM bundle, or no verification at all; and the client
 * certificate, if any, for this context alone.
 */
final class TrustMaterial {
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private TrustMaterial() {}

    /**
     * The SSLContext; {@code bundle} holds the extra CAs ({@link #readPem}), empty for the JDK's alone; {@code
     * keys} present the client certificate, if any, when a server asks for one.
     */
    static SSLContext sslContext(List<X509Certificate> bundle, boolean insecure, RecordingKeyManager keys) {
        try {
            TrustManager trustManager;
            if (insecure) {
                trustManager = new TrustEverything();
            } else if (!bundle.isEmpty()) {
                trustManager = new EitherTrustManager(jdkTrustManager(), bundleTrustManager(bundle));
            } else {
                trustManager = jdkTrustManager();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not initialise TLS: " + e.getMessage(), e);
        }
    }

    /** Reads every certificate of a PEM file. */
    static List<X509Certificate> readPem(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the CA bundle " + file + ": "
                    + e.getClass().getSimpleName() + ". Point it at a readable PEM file.");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(text);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (matcher.find()) {
                byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new ConfigurationException("The CA bundle " + file + " contains a certificate that cannot be parsed: "
                    + e.getMessage() + ". It must hold PEM certificates ('-----BEGIN CERTIFICATE-----').");
        }
        if (certificates.isEmpty()) {
            throw new ConfigurationException("The CA bundle " + file + " holds no PEM certificate. Download the"
                    + " Russian Trusted Root CA (https://www.gosuslugi.ru/crt) in PEM form, or convert a DER file with"
                    + " 'openssl x509 -inform der -in ca.cer -out ca.pem'.");
        }
        return certificates;
    }

    private static X509TrustManager bundleTrustManager(List<X509Certificate> bundle) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int index = 0;
        for (X509Certificate certificate : bundle) {
            store.setCertificateEntry("bundle-" + index++, certificate);
        }
        return trustManager(store);
    }

    private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        return trustManager(null);
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("The JDK offers no X509TrustManager");
    }

    /** Trusts a chain that either the JDK's store or the bundle trusts. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkClientTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkClientTrusted(chain, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }

    /** {@code gigachat.insecure=true}: accepts any chain. The Maven layer warns loudly and the reports record it. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
