package io.github.gigachat.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one client key and chain, whatever CA names the server lists: servers inside corporate networks often send
 * an empty or unrelated list, and the JDK's own key manager would then present nothing. Extended, because the JDK
 * answers "no certificate" on {@link SSLEngine} connections for a plain {@code X509KeyManager}.
 */
final class SingleKeyManager extends X509ExtendedKeyManager {
    static final String ALIAS = "gigachat-client";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    SingleKeyManager(PrivateKey key, X509Certificate[] chain) {
        this.key = key;
        this.chain = chain.clone();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    private String choose(String[] keyTypes) {
        if (keyTypes == null || keyTypes.length == 0) {
            return ALIAS;
        }
        for (String keyType : keyTypes) {
            if (fits(keyType)) {
                return ALIAS;
            }
        }
        return null;
    }

    /** Key types are "RSA", "EC", "EdDSA", or TLS 1.2's "EC_EC"-style pairs whose first half is the key's. */
    private boolean fits(String keyType) {
        if (keyType == null) {
            return true;
        }
        int underscore = keyType.indexOf('_');
        String keyHalf = underscore < 0 ? keyType : keyType.substring(0, underscore);
        return keyHalf.equalsIgnoreCase(key.getAlgorithm());
    }
}
