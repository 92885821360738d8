import io.github.gigachat.it.ItSupport

try {
    def key = ItSupport.CANARY.authorizationKey()
    def report = ItSupport.scanReport(basedir)
    assert report.get('findings').size() == 1
    def finding = report.get('findings').get(0)
    assert finding.get('status').asText() == 'ACTIVE'
    assert finding.get('locations').size() == 5
    def log = ItSupport.buildLog(basedir)
    assert log.contains('[DEBUG]')
    assert new File(basedir, 'target/step-summary.md').text.contains(finding.get('fingerprint').asText())
    def secrets = [key, ItSupport.CANARY.secret(), key.substring(0, 16), key.substring(20, 40),
                   key.replace('+', '-').replace('/', '_').replace('=', ''), URLEncoder.encode(key, 'UTF-8'),
                   key.bytes.encodeBase64().toString()] + ItSupport.emulator(context).issuedTokens()
    def hits = ItSupport.findSecrets(basedir, secrets,
            ['src/main/resources/canary.properties', 'src/main/resources/k8s-secret.yaml'])
            .findAll { !it.startsWith('.git') }
    assert hits.isEmpty() : hits.join(', ')
} finally {
    ItSupport.stop(context)
}
