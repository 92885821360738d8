package io.github.gigachat.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Client certificates for tests, generated with BouncyCastle into a directory (never checked in, nothing JVM-wide).
 *
 * <p>API:
 *
 * <ul>
 *   <li>{@link #create(Path)}: a CA ({@code CN=Test Client CA}), a second, unrelated CA ({@code CN=Other Test CA}) and a
 *       {@code 127.0.0.1}/{@code localhost} server certificate signed by the first; {@link #caPem()} is the CA as PEM.
 *   <li>{@link #serverContext()}: for an {@code SSLServerSocket} on 127.0.0.1 that presents that server certificate
 *       and trusts client certificates of the CA only (call {@code setNeedClientAuth(true)} yourself);
 *       {@link #clientTrust()} trusts the CA, for the client side of the same connection.
 *   <li>Clients: {@link #rsaClient(String, Instant, Instant)} and {@link #ecClient(String, Instant, Instant)} with the
 *       validity you choose (RSA 2048, EC P-256), {@link #foreignClient(String)} signed by the other CA; relative to now:
 *       {@link #valid(String)}, {@link #expired(String)}, {@link #notYetValid(String)}, {@link #expiringIn(String,
 *       Duration)}. The name is the subject's CN and the prefix of every file written for the client.
 *   <li>Each {@link Client} writes on demand: {@link Client#certPem()} (leaf then CA), {@link Client#keyPkcs8Pem()},
 *       {@link Client#keyTraditionalPem()} (PKCS#1 for RSA, SEC1 with its named curve for EC), {@link Client#keyEncryptedPkcs8Pem(char[])}
 *       (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC), {@link Client#keyPbes1Pem(char[])} (PBE-SHA1-3DES), {@link
 *       Client#keyLegacyEncryptedPem(char[], String)} (OpenSSL {@code DEK-Info}: "AES-128-CBC", "AES-256-CBC",
 *       "DES-EDE3-CBC"), {@link Client#combinedPem()} (certificate, CA, key) and {@link Client#pkcs12(char[])} (one
 *       password for store and key, as Jenkins hands it over).
 *   <li>{@link #main(String[])} writes a fixed set into a directory, for invoker ITs.
 * </ul>
 */
public final class TestClientCertificates {
    private static final AtomicLong SERIALS = new AtomicLong(100);
    private static final X500Name CA_NAME = new X500Name("CN=Test Client CA");
    private static final X500Name OTHER_CA_NAME = new X500Name("CN=Other Test CA");

    private final Path directory;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final KeyPair otherCaKeys;
    private final X509Certificate otherCa;
    private final SSLContext serverContext;
    private final KeyStore serverStore;

    private TestClientCertificates(Path directory) throws Exception {
        this.directory = Files.createDirectories(directory);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = now.minus(Duration.ofDays(3650));
        Instant to = now.plus(Duration.ofDays(3650));
        caKeys = ecKeys();
        ca = selfSignedCa(CA_NAME, caKeys, from, to);
        otherCaKeys = ecKeys();
        otherCa = selfSignedCa(OTHER_CA_NAME, otherCaKeys, from, to);
        KeyPair serverKeys = ecKeys();
        X509Certificate server = sign(
                new JcaX509v3CertificateBuilder(
                                CA_NAME,
                                serial(),
                                Date.from(from),
                                Date.from(to),
                                new X500Name("CN=127.0.0.1"),
                                serverKeys.getPublic())
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")
                        }))
                        .addExtension(
                                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)),
                caKeys);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test-only".toCharArray();
        store.setKeyEntry("server", serverKeys.getPrivate(), password, new X509Certificate[] {server, ca});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        serverStore = store;
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), clientTrust(), null);
    }

    /** A CA, another CA and a server certificate; client files go into {@code directory}. */
    public static TestClientCertificates create(Path directory) throws Exception {
        return new TestClientCertificates(directory);
    }

    /**
     * Writes into {@code args[0]}: {@code ca.pem}, and for the clients {@code valid} (RSA), {@code expired}, {@code
     * not-yet-valid}, {@code expiring-soon} (10 days) and {@code foreign}: {@code <name>.crt.pem} and {@code
     * <name>.key.pem}; for {@code valid} also {@code valid.enc.pem} (passphrase {@code test-passphrase}), {@code
     * valid.combined.pem} and {@code valid.p12} (password {@code test-password}).
     */
    public static void main(String[] args) throws Exception {
        writeFixedSet(Path.of(args[0]));
    }

    /** Writes the files {@link #main} describes into {@code directory}; returns their CA (and server) for a server. */
    public static TestClientCertificates writeFixedSet(Path directory) throws Exception {
        TestClientCertificates certificates = create(directory);
        certificates.caPem();
        Client valid = certificates.valid("valid");
        valid.certPem();
        valid.keyPkcs8Pem();
        valid.keyEncryptedPkcs8Pem("test-passphrase".toCharArray());
        valid.combinedPem();
        valid.pkcs12("test-password".toCharArray());
        for (Client client : new Client[] {
            certificates.expired("expired"),
            certificates.notYetValid("not-yet-valid"),
            certificates.expiringIn("expiring-soon", Duration.ofDays(10)),
            certificates.foreignClient("foreign")
        }) {
            client.certPem();
            client.keyPkcs8Pem();
        }
        return certificates;
    }

    public X509Certificate ca() {
        return ca;
    }

    /** Writes the CA as {@code ca.pem}. */
    public Path caPem() throws IOException {
        return write("ca.pem", pem(ca));
    }

    /** Server side: presents a 127.0.0.1 certificate signed by the CA, trusts client certificates of the CA. */
    public SSLContext serverContext() {
        return serverContext;
    }

    /**
     * The server's key and chain (a 127.0.0.1 certificate signed by the CA) as a PKCS#12 store whose store and key
     * password is {@link #SERVER_STORE_PASSWORD}, e.g. for the emulator's {@code https(KeyStore, char[])}.
     */
    public KeyStore serverKeyStore() {
        return serverStore;
    }

    /** The password of {@link #serverKeyStore()}: test-only. */
    public static final char[] SERVER_STORE_PASSWORD = "test-only".toCharArray();

    /** Trust managers that trust the CA alone (the server certificate included). */
    public TrustManager[] clientTrust() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    /** An RSA client certificate signed by the CA, valid over exactly the given instants (second precision). */
    public Client rsaClient(String name, Instant notBefore, Instant notAfter) throws Exception {
        return client(name, rsaKeys(), notBefore, notAfter, caKeys, ca);
    }

    /** An EC P-256 client certificate signed by the CA. */
    public Client ecClient(String name, Instant notBefore, Instant notAfter) throws Exception {
        return client(name, ecKeys(), notBefore, notAfter, caKeys, ca);
    }

    /** An RSA client certificate, valid now, signed by the other CA (a server trusting the CA refuses it). */
    public Client foreignClient(String name) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return client(
                name, rsaKeys(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), otherCaKeys, otherCa);
    }

    /** Valid from yesterday for a year. */
    public Client valid(String name) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return rsaClient(name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** Expired yesterday, after a year. */
    public Client expired(String name) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return rsaClient(name, now.minus(Duration.ofDays(366)), now.minus(Duration.ofDays(1)));
    }

    /** Valid from tomorrow for a year. */
    public Client notYetValid(String name) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return rsaClient(name, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(366)));
    }

    /** Valid since a year ago, until {@code left} from now. */
    public Client expiringIn(String name, Duration left) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return rsaClient(name, now.minus(Duration.ofDays(365)), now.plus(left));
    }

    private Client client(
            String name, KeyPair keys, Instant notBefore, Instant notAfter, KeyPair issuerKeys, X509Certificate issuer)
            throws Exception {
        X500Name subject = new X500Name("O=GigaChat Plugin Tests,CN=" + name);
        X509Certificate certificate = sign(
                new JcaX509v3CertificateBuilder(
                                X500Name.getInstance(
                                        issuer.getSubjectX500Principal().getEncoded()),
                                serial(),
                                Date.from(notBefore),
                                Date.from(notAfter),
                                subject,
                                keys.getPublic())
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(
                                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)),
                issuerKeys);
        return new Client(name, certificate, keys.getPrivate(), issuer);
    }

    /** One client's certificate and key; each method writes one file and returns its path. */
    public final class Client {
        private final String name;
        private final X509Certificate certificate;
        private final PrivateKey privateKey;
        private final X509Certificate issuer;

        private Client(String name, X509Certificate certificate, PrivateKey privateKey, X509Certificate issuer) {
            this.name = name;
            this.certificate = certificate;
            this.privateKey = privateKey;
            this.issuer = issuer;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        public PrivateKey privateKey() {
            return privateKey;
        }

        /** RFC 2253, as {@link ClientCertificate#subject()} reports it. */
        public String subject() {
            return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        }

        /** {@code <name>.crt.pem}: the certificate, then its CA. */
        public Path certPem() throws Exception {
            return write(name + ".crt.pem", pem(certificate) + pem(issuer));
        }

        /** {@code <name>.key.pem}: {@code -----BEGIN PRIVATE KEY-----} (PKCS#8, not encrypted). */
        public Path keyPkcs8Pem() throws Exception {
            return write(name + ".key.pem", pem(new JcaPKCS8Generator(privateKey, null)));
        }

        /** {@code <name>.traditional.pem}: {@code RSA PRIVATE KEY} (PKCS#1) or {@code EC PRIVATE KEY} (SEC1). */
        public Path keyTraditionalPem() throws Exception {
            return write(name + ".traditional.pem", pem(traditional()));
        }

        /** What BC writes as PKCS#1 or SEC1; for EC with the named curve and public key, as OpenSSL writes it. */
        private PrivateKeyInfo traditional() throws IOException {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey.getEncoded());
            if (!(privateKey instanceof ECPrivateKey)) {
                return info;
            }
            SubjectPublicKeyInfo publicKey =
                    SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded());
            ECPrivateKey ecKey = (ECPrivateKey) privateKey;
            return new PrivateKeyInfo(
                    info.getPrivateKeyAlgorithm(),
                    new org.bouncycastle.asn1.sec.ECPrivateKey(
                            ecKey.getParams().getOrder().bitLength(),
                            ecKey.getS(),
                            publicKey.getPublicKeyData(),
                            publicKey.getAlgorithm().getParameters()));
        }

        /** {@code <name>.enc.pem}: {@code ENCRYPTED PRIVATE KEY}, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC. */
        public Path keyEncryptedPkcs8Pem(char[] passphrase) throws Exception {
            JceOpenSSLPKCS8EncryptorBuilder encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(new BouncyCastleProvider())
                    .setPRF(PKCS8Generator.PRF_HMACSHA256)
                    .setIterationCount(2048)
                    .setPassword(passphrase);
            return write(name + ".enc.pem", pem(new JcaPKCS8Generator(privateKey, encryptor.build())));
        }

        /** {@code <name>.pbes1.pem}: {@code ENCRYPTED PRIVATE KEY}, PKCS#12 PBE with SHA-1 and 3DES. */
        public Path keyPbes1Pem(char[] passphrase) throws Exception {
            JceOpenSSLPKCS8EncryptorBuilder encryptor = new JceOpenSSLPKCS8EncryptorBuilder(
                            PKCS8Generator.PBE_SHA1_3DES)
                    .setProvider(new BouncyCastleProvider())
                    .setPassword(passphrase);
            return write(name + ".pbes1.pem", pem(new JcaPKCS8Generator(privateKey, encryptor.build())));
        }

        /** {@code <name>.legacy.pem}: traditional key with {@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info}. */
        public Path keyLegacyEncryptedPem(char[] passphrase, String dekAlgorithm) throws Exception {
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(
                        traditional(),
                        new JcePEMEncryptorBuilder(dekAlgorithm)
                                .setProvider(new BouncyCastleProvider())
                                .build(passphrase));
            }
            return write(name + ".legacy.pem", text.toString());
        }

        /** {@code <name>.combined.pem}: certificate, CA and PKCS#8 key in one file. */
        public Path combinedPem() throws Exception {
            return write(
                    name + ".combined.pem",
                    pem(certificate) + pem(issuer) + pem(new JcaPKCS8Generator(privateKey, null)));
        }

        /** {@code <name>.p12}: key entry with the chain, store and key under {@code password}. */
        public Path pkcs12(char[] password) throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(name, privateKey, password, new X509Certificate[] {certificate, issuer});
            Path file = directory.resolve(name + ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        }
    }

    private Path write(String fileName, String content) throws IOException {
        return Files.writeString(directory.resolve(fileName), content, StandardCharsets.US_ASCII);
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static X509Certificate selfSignedCa(X500Name name, KeyPair keys, Instant from, Instant to)
            throws Exception {
        return sign(
                new JcaX509v3CertificateBuilder(name, serial(), Date.from(from), Date.from(to), name, keys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                keys);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
