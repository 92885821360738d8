import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_PAID'
    assert report.get('credentialsSource').asText() == 'env:GIGACHAT_ACCESS_TOKEN'
    def checks = report.get('checks').collect { it.get('name').asText() + '=' + it.get('status').asText() }
    assert checks == ['credentials=PASS', 'client-certificate=PASS', 'token=SKIP', 'models=PASS', 'balance:embeddings=PASS']
    def log = ItSupport.buildLog(basedir)
    assert log.contains('[DEBUG]')
    assert log.contains('Presenting the client certificate from the environment variables GIGACHAT_CERT_FILE and GIGACHAT_KEY_FILE')
    // the PEM bodies of the key, encrypted and plain, line by line
    def pemLines = { String name ->
        new File(basedir, "certs/${name}").readLines().findAll { !it.startsWith('-----') && it.length() >= 16 }
    }
    def secrets = [ItSupport.PINNED_TOKEN, 'PASSWORD-CANARY-7c2d9e', 'test-passphrase'] +
            pemLines('valid.enc.pem') + pemLines('valid.key.pem')
    assert secrets.size() > 10
    def hits = ItSupport.findSecrets(basedir, secrets, (new File(basedir, 'certs').list() as List).collect { "certs/${it}".toString() })
    assert hits.isEmpty() : hits.join(', ')
} finally {
    ItSupport.stop(context)
}
return true
