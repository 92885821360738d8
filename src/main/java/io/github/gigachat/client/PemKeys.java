package io.github.gigachat.client;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads a private key from a PEM block or a DER file with the JDK alone: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}, named curves), encrypted PKCS#8 and OpenSSL's legacy
 * {@code Proc-Type: 4,ENCRYPTED} form ({@link KeyDecryption}). Messages name the file, never the key or passphrase.
 */
final class PemKeys {
    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
    static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";

    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            RSA_ENCRYPTION,
            "RSA",
            "1.2.840.113549.1.1.10",
            "RSASSA-PSS",
            EC_PUBLIC_KEY,
            "EC",
            "1.2.840.10040.4.1",
            "DSA",
            "1.3.101.112",
            "Ed25519",
            "1.3.101.113",
            "Ed448");

    /** A key's bytes that do not parse as what their label says. */
    static final class UnreadableKey extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableKey(String reason) {
            super(reason, null, false, false);
        }
    }

    private PemKeys() {}

    /** True for the labels of private-key blocks (those this class reads and those it explains it cannot). */
    static boolean isKeyLabel(String label) {
        return label.endsWith(PRIVATE_KEY);
    }

    /** The key of a PEM block; {@code password} is used only for an encrypted one. */
    static PrivateKey read(PemFile.Block block, char[] password, Path file) {
        boolean legacyEncrypted = block.headers().getOrDefault("Proc-Type", "").contains("ENCRYPTED");
        boolean encrypted = legacyEncrypted || block.label().equals(ENCRYPTED_PRIVATE_KEY);
        if (encrypted && (password == null || password.length == 0)) {
            throw new CertificateFileException(
                    "The private key in " + file + " is encrypted. Set GIGACHAT_KEY_FILE_PASSWORD to its passphrase.");
        }
        if (!encrypted) {
            try {
                return parse(block.label(), block.der());
            } catch (UnreadableKey e) {
                throw new CertificateFileException("The " + block.label() + " in " + file + " cannot be read: "
                        + e.getMessage().replace("<file>", file.toString()) + ". Check it with 'openssl pkey -in "
                        + file + " -noout'.");
            }
        }
        byte[] plain = legacyEncrypted
                ? KeyDecryption.legacy(block.headers().get("DEK-Info"), block.der(), password, file)
                : KeyDecryption.pkcs8(block.der(), password, file);
        try {
            return parse(legacyEncrypted ? block.label() : PRIVATE_KEY, plain);
        } catch (UnreadableKey e) {
            throw KeyDecryption.wrongPassphrase(file);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The label a DER key file would have in PEM, told from its structure. */
    static String labelOfDer(byte[] der) {
        try {
            List<Der.Value> elements = Der.read(der).expect(Der.SEQUENCE).elements();
            int first = elements.get(0).tag();
            int second = elements.get(1).tag();
            if (first == Der.SEQUENCE && second == Der.OCTET_STRING && elements.size() == 2) {
                return ENCRYPTED_PRIVATE_KEY;
            }
            if (first != Der.INTEGER) {
                return "";
            }
            if (second == Der.SEQUENCE) {
                return PRIVATE_KEY;
            }
            return second == Der.OCTET_STRING ? EC_PRIVATE_KEY : RSA_PRIVATE_KEY;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static PrivateKey parse(String label, byte[] der) throws UnreadableKey {
        switch (label) {
            case PRIVATE_KEY:
                return pkcs8(der);
            case RSA_PRIVATE_KEY:
                return pkcs8(wrap(Der.encode(Der.SEQUENCE, Der.oid(RSA_ENCRYPTION), Der.encode(Der.NULL)), der));
            case EC_PRIVATE_KEY:
                return pkcs8(wrap(Der.encode(Der.SEQUENCE, Der.oid(EC_PUBLIC_KEY), sec1Curve(der)), der));
            default:
                throw new UnreadableKey("this key format is not supported; convert it to PKCS#8 with"
                        + " 'openssl pkcs8 -topk8 -nocrypt -in <file> -out key.pem'");
        }
    }

    /** A PKCS#8 PrivateKeyInfo around a PKCS#1 or SEC1 key. */
    private static byte[] wrap(byte[] algorithmIdentifier, byte[] key) {
        return Der.encode(Der.SEQUENCE, Der.integer(0), algorithmIdentifier, Der.encode(Der.OCTET_STRING, key));
    }

    /** The encoded named-curve OID of a SEC1 ECPrivateKey's {@code [0] parameters}. */
    private static byte[] sec1Curve(byte[] der) throws UnreadableKey {
        try {
            for (Der.Value element : Der.read(der).expect(Der.SEQUENCE).elements()) {
                if (element.tag() == Der.CONTEXT_0) {
                    Der.Value curve = element.elements().get(0);
                    if (curve.tag() != Der.OBJECT_IDENTIFIER) {
                        throw new UnreadableKey("the EC key has explicit curve parameters; only named curves"
                                + " are supported (re-create it with 'openssl ecparam -name prime256v1 -genkey')");
                    }
                    return curve.encoded();
                }
            }
        } catch (RuntimeException e) {
            throw new UnreadableKey("it is not a SEC1 EC key");
        }
        throw new UnreadableKey("the EC key does not name its curve; convert it to PKCS#8 with"
                + " 'openssl pkcs8 -topk8 -nocrypt -in <file> -out key.pem'");
    }

    private static PrivateKey pkcs8(byte[] der) throws UnreadableKey {
        String oid;
        try {
            oid = Der.read(der)
                    .expect(Der.SEQUENCE)
                    .elements()
                    .get(1)
                    .elements()
                    .get(0)
                    .oid();
        } catch (RuntimeException e) {
            throw new UnreadableKey("it is not a PKCS#8 private key");
        }
        String algorithm = KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new UnreadableKey("its key algorithm (OID " + oid + ") is not supported; use an RSA or EC key");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (NoSuchAlgorithmException e) {
            throw new UnreadableKey("this Java runtime has no " + algorithm + " keys");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new UnreadableKey("it is not a valid " + algorithm + " private key (or its curve is not supported)");
        }
    }
}
