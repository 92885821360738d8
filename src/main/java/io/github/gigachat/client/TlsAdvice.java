package io.github.gigachat.client;

import java.util.Locale;

/** The facts users need when TLS fails: most often the Russian Trusted Root CA missing from the JDK trust store. */
final class TlsAdvice {
    static final String RUSSIAN_ROOT_FINGERPRINT =
            "D2:6D:2D:02:31:B7:C3:9F:92:CC:73:85:12:BA:54:10:35:19:E4:40:5D:68:B5:BD:70:3E:97:88:CA:8E:CF:31";

    private TlsAdvice() {}

    static boolean isGigaChatHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".sberbank.ru") || lower.endsWith(".sber.ru");
    }

    /** What is wrong, and for GigaChat's hosts which CA is missing; the mojo adds how to trust it. */
    static String untrustedChain(String host) {
        StringBuilder text = new StringBuilder("TLS: the certificate chain of ")
                .append(host)
                .append(" is not trusted by this JVM (PKIX path building failed).");
        if (isGigaChatHost(host)) {
            text.append(" GigaChat's chain ends in the Russian Trusted Root CA (SHA-256 ")
                    .append(RUSSIAN_ROOT_FINGERPRINT)
                    .append("), which the JDK does not ship; it is published at https://www.gosuslugi.ru/crt.");
        } else {
            text.append(" A TLS-inspecting corporate proxy needs its own CA trusted too.");
        }
        return text.toString();
    }

    static String proxyHint(ProxyConfig proxy) {
        return proxy == null ? "" : " Requests go through the proxy " + proxy.host() + ":" + proxy.port() + ".";
    }
}
