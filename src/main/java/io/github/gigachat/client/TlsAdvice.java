package io.github.gigachat.client;

import java.util.Locale;

/** The words users need when TLS fails: most often the Russian Trusted Root CA missing from the JDK trust store. */
final class TlsAdvice {
    static final String RUSSIAN_ROOT_FINGERPRINT =
            "D2:6D:2D:02:31:B7:C3:9F:92:CC:73:85:12:BA:54:10:35:19:E4:40:5D:68:B5:BD:70:3E:97:88:CA:8E:CF:31";

    private TlsAdvice() {}

    static boolean isGigaChatHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".sberbank.ru") || lower.endsWith(".sber.ru");
    }

    static String untrustedChain(String host) {
        StringBuilder text = new StringBuilder("TLS: the certificate chain of ")
                .append(host)
                .append(" is not trusted by this JVM (PKIX path building failed). ");
        if (isGigaChatHost(host)) {
            text.append("GigaChat's chain ends in the Russian Trusted Root CA (SHA-256 ")
                    .append(RUSSIAN_ROOT_FINGERPRINT)
                    .append(
                            "), which the JDK does not ship. Download it from https://www.gosuslugi.ru/crt as PEM and"
                                    + " set -Dgigachat.caBundleFile=/path/to/russian_trusted_root_ca.pem (or the environment"
                                    + " variable GIGACHAT_CA_BUNDLE_FILE), or import it into the JDK trust store with keytool.");
        } else {
            text.append("Add the CA that issued its certificate to a PEM file and set -Dgigachat.caBundleFile (or"
                    + " GIGACHAT_CA_BUNDLE_FILE). A TLS-inspecting corporate proxy needs its own CA there too.");
        }
        text.append(" Only as a last resort: -Dgigachat.insecure=true turns verification off.");
        return text.toString();
    }

    static String proxyHint(ProxyConfig proxy) {
        return proxy == null ? "" : " Requests go through the proxy " + proxy.host() + ":" + proxy.port() + ".";
    }
}
