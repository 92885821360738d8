package io.github.gigachat.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/** Tells whether a private key belongs to a certificate's public key, before the TLS handshake finds out. */
final class KeyPairCheck {
    private static final byte[] CHALLENGE = "gigachat-maven-plugin key check".getBytes(StandardCharsets.US_ASCII);

    private KeyPairCheck() {}

    /** RSA keys compare modulus and exponent; other keys sign a fixed challenge that the public key must verify. */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAKey && publicKey instanceof RSAPublicKey) {
            RSAPublicKey rsa = (RSAPublicKey) publicKey;
            boolean sameModulus = ((RSAKey) privateKey).getModulus().equals(rsa.getModulus());
            return sameModulus
                    && (!(privateKey instanceof RSAPrivateCrtKey)
                            || ((RSAPrivateCrtKey) privateKey)
                                    .getPublicExponent()
                                    .equals(rsa.getPublicExponent()));
        }
        String algorithm = signatureAlgorithm(privateKey.getAlgorithm());
        if (algorithm == null || !privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(CHALLENGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(CHALLENGE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        switch (keyAlgorithm) {
            case "EC":
                return "SHA256withECDSA";
            case "DSA":
                return "SHA256withDSA";
            case "Ed25519":
            case "Ed448":
            case "EdDSA":
                return keyAlgorithm;
            default:
                return null;
        }
    }
}
