package io.github.gigachat.client;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts encrypted private keys: PKCS#8 with PBES2 (PBKDF2 and AES or 3DES, parsed here because the JDK's own
 * support varies by version), PKCS#8 with the PBES1 schemes the JDK knows, and OpenSSL's legacy PEM encryption
 * ({@code DEK-Info}, key from MD5 {@code EVP_BytesToKey}).
 */
final class KeyDecryption {
    private static final String PBES2 = "1.2.840.113549.1.5.13";
    private static final String PBKDF2 = "1.2.840.113549.1.5.12";
    private static final String HMAC_SHA1 = "1.2.840.113549.2.7";
    private static final Map<String, String> PRFS = Map.of(
            HMAC_SHA1,
            "HmacSHA1",
            "1.2.840.113549.2.8",
            "HmacSHA224",
            "1.2.840.113549.2.9",
            "HmacSHA256",
            "1.2.840.113549.2.10",
            "HmacSHA384",
            "1.2.840.113549.2.11",
            "HmacSHA512");

    /** A CBC cipher: JCA name and key length in bytes. */
    private record CbcCipher(String algorithm, int keyLength) {}

    private static final Map<String, CbcCipher> PBES2_CIPHERS = Map.of(
            "2.16.840.1.101.3.4.1.2", new CbcCipher("AES", 16),
            "2.16.840.1.101.3.4.1.22", new CbcCipher("AES", 24),
            "2.16.840.1.101.3.4.1.42", new CbcCipher("AES", 32),
            "1.2.840.113549.3.7", new CbcCipher("DESede", 24));
    private static final Map<String, CbcCipher> LEGACY_CIPHERS = Map.of(
            "AES-128-CBC", new CbcCipher("AES", 16),
            "AES-192-CBC", new CbcCipher("AES", 24),
            "AES-256-CBC", new CbcCipher("AES", 32),
            "DES-EDE3-CBC", new CbcCipher("DESede", 24),
            "DES-CBC", new CbcCipher("DES", 8));

    private KeyDecryption() {}

    /** The PKCS#8 PrivateKeyInfo inside an EncryptedPrivateKeyInfo. */
    static byte[] pkcs8(byte[] der, char[] password, Path file) {
        String scheme;
        List<Der.Value> algorithm;
        byte[] encrypted;
        try {
            List<Der.Value> info = Der.read(der).expect(Der.SEQUENCE).elements();
            algorithm = info.get(0).expect(Der.SEQUENCE).elements();
            scheme = algorithm.get(0).oid();
            encrypted = info.get(1).expect(Der.OCTET_STRING).content();
        } catch (RuntimeException e) {
            throw damaged(file);
        }
        return PBES2.equals(scheme) ? pbes2(algorithm.get(1), encrypted, password, file) : pbes1(der, password, file);
    }

    private static byte[] pbes2(Der.Value parameters, byte[] encrypted, char[] password, Path file) {
        String kdf;
        String prf = HMAC_SHA1;
        String encryption;
        byte[] salt;
        int iterations;
        byte[] iv;
        try {
            List<Der.Value> schemes = parameters.expect(Der.SEQUENCE).elements();
            List<Der.Value> derivation = schemes.get(0).expect(Der.SEQUENCE).elements();
            kdf = derivation.get(0).oid();
            List<Der.Value> cipher = schemes.get(1).expect(Der.SEQUENCE).elements();
            encryption = cipher.get(0).oid();
            iv = cipher.get(1).expect(Der.OCTET_STRING).content();
            if (!PBKDF2.equals(kdf)) {
                throw unsupported(file, "key derivation " + kdf + " (scrypt?)");
            }
            List<Der.Value> pbkdf2 = derivation.get(1).expect(Der.SEQUENCE).elements();
            salt = pbkdf2.get(0).expect(Der.OCTET_STRING).content();
            iterations = pbkdf2.get(1).integer().intValueExact();
            for (Der.Value optional : pbkdf2.subList(2, pbkdf2.size())) {
                if (optional.tag() == Der.SEQUENCE) {
                    prf = optional.elements().get(0).oid();
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof CertificateFileException) {
                throw e;
            }
            throw damaged(file);
        }
        CbcCipher cipher = PBES2_CIPHERS.get(encryption);
        String mac = PRFS.get(prf);
        if (cipher == null || mac == null) {
            throw unsupported(file, cipher == null ? "cipher " + encryption : "PRF " + prf);
        }
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, cipher.keyLength * 8);
        byte[] key = null;
        try {
            key = SecretKeyFactory.getInstance("PBKDF2With" + mac)
                    .generateSecret(spec)
                    .getEncoded();
            return decrypt(cipher, key, iv, encrypted, file);
        } catch (GeneralSecurityException e) {
            throw unsupported(file, "PBKDF2 with " + mac);
        } finally {
            spec.clearPassword();
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /** PBES1 and the PKCS#12 PBE schemes, as far as this JDK implements them. */
    private static byte[] pbes1(byte[] der, char[] password, Path file) {
        EncryptedPrivateKeyInfo info;
        try {
            info = new EncryptedPrivateKeyInfo(der);
        } catch (java.io.IOException e) {
            throw damaged(file);
        }
        String algorithm = info.getAlgName();
        PBEKeySpec spec = new PBEKeySpec(password);
        Cipher cipher;
        try {
            SecretKey key = SecretKeyFactory.getInstance(algorithm).generateSecret(spec);
            cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, key, info.getAlgParameters());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw unsupported(file, algorithm);
        } finally {
            spec.clearPassword();
        }
        try {
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException e) {
            throw wrongPassphrase(file);
        }
    }

    /** The traditional OpenSSL key inside a {@code Proc-Type: 4,ENCRYPTED} block. */
    static byte[] legacy(String dekInfo, byte[] encrypted, char[] password, Path file) {
        String[] parts = dekInfo == null ? new String[0] : dekInfo.split(",");
        CbcCipher cipher = parts.length == 2 ? LEGACY_CIPHERS.get(parts[0].trim()) : null;
        if (cipher == null) {
            throw unsupported(file, parts.length > 0 ? parts[0].trim() : "a cipher it does not name");
        }
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(parts[1].trim());
        } catch (IllegalArgumentException e) {
            throw damaged(file);
        }
        if (iv.length < 8) {
            throw damaged(file);
        }
        byte[] secret = utf8(password);
        byte[] key = bytesToKey(secret, Arrays.copyOf(iv, 8), cipher.keyLength);
        try {
            return decrypt(cipher, key, iv, encrypted, file);
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    /** OpenSSL's {@code EVP_BytesToKey} with MD5 and one iteration: D_i = MD5(D_(i-1) || password || salt). */
    private static byte[] bytesToKey(byte[] password, byte[] salt, int length) {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
        byte[] key = new byte[length];
        byte[] block = new byte[0];
        for (int filled = 0; filled < length; filled += block.length) {
            md5.update(block);
            md5.update(password);
            md5.update(salt);
            Arrays.fill(block, (byte) 0);
            block = md5.digest();
            System.arraycopy(block, 0, key, filled, Math.min(block.length, length - filled));
        }
        Arrays.fill(block, (byte) 0);
        return key;
    }

    private static byte[] decrypt(CbcCipher cipher, byte[] key, byte[] iv, byte[] encrypted, Path file) {
        try {
            Cipher decryptor = Cipher.getInstance(cipher.algorithm + "/CBC/PKCS5Padding");
            decryptor.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, cipher.algorithm), new IvParameterSpec(iv));
            return decryptor.doFinal(encrypted);
        } catch (BadPaddingException e) {
            throw wrongPassphrase(file);
        } catch (GeneralSecurityException e) {
            throw damaged(file);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    static CertificateFileException wrongPassphrase(Path file) {
        return new CertificateFileException("The passphrase in GIGACHAT_KEY_FILE_PASSWORD does not decrypt the private"
                + " key in " + file + ". Set it to the key's passphrase; 'openssl pkey -in " + file
                + " -noout' asks for it and tells whether it is right.");
    }

    private static CertificateFileException unsupported(Path file, String what) {
        return new CertificateFileException("The private key in " + file + " is encrypted with " + what
                + ", which this plugin cannot decrypt. Re-encrypt it with 'openssl pkcs8 -topk8 -v2 aes-256-cbc -in "
                + file + " -out key.pem'.");
    }

    private static CertificateFileException damaged(Path file) {
        return new CertificateFileException("The encrypted private key in " + file
                + " cannot be parsed: the file is damaged. Export the key again.");
    }
}
