package io.github.gigachat.emulator;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The mTLS side of the emulator's listener: which CAs a client certificate must chain to (checked in the handshake), and
 * which account each mapped certificate stands for (by the SHA-256 of its DER encoding). Immutable.
 */
final class ClientCertificates {
    /** Asks for no client certificate. */
    static final ClientCertificates NONE = new ClientCertificates(List.of(), Map.of(), false);

    private final List<X509Certificate> trustedCas;
    private final Map<String, String> clientIds; // SHA-256 hex of the DER encoding -> client id
    private final boolean required;

    ClientCertificates(List<X509Certificate> trustedCas, Map<String, String> clientIds, boolean required) {
        this.trustedCas = List.copyOf(trustedCas);
        this.clientIds = Map.copyOf(clientIds);
        this.required = required;
    }

    /** Whether the listener asks for client certificates at all. */
    boolean isEnabled() {
        return !trustedCas.isEmpty();
    }

    /** The client id mapped to {@code certificate}, or null (none given, or not mapped). */
    String clientIdOf(X509Certificate certificate) {
        return certificate == null ? null : clientIds.get(fingerprint(certificate));
    }

    /** Lower-case hex SHA-256 of the certificate's DER encoding, as {@code openssl x509 -fingerprint -sha256} shows. */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot encode the certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** A server context with {@code keyManagers} (the emulator's own key) that trusts the client CAs only. */
    SSLContext serverContext(KeyManager[] keyManagers) throws GeneralSecurityException {
        TrustManager[] trust = null;
        if (isEnabled()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException("cannot create an empty trust store", e);
            }
            for (int i = 0; i < trustedCas.size(); i++) {
                store.setCertificateEntry("client-ca-" + i, trustedCas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            trust = factory.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trust, null);
        return context;
    }

    /** Makes the server side of a connection ask for a client certificate, or need one. */
    void configure(SSLSocket socket) {
        if (!isEnabled()) {
            return;
        }
        if (required) {
            socket.setNeedClientAuth(true);
        } else {
            socket.setWantClientAuth(true);
        }
    }
}
