import io.github.gigachat.it.ItSupport
import io.github.gigachat.scan.KeyFinding

try {
    def baseline = new File(basedir, '.gigachat-scan-baseline.json')
    assert baseline.isFile()
    def written = new groovy.json.JsonSlurper().parse(baseline)
    assert written.schemaVersion == 1
    assert written.findings*.fingerprint.sort() == [ItSupport.REVOKED, ItSupport.LEAKED]
            .collect { KeyFinding.fingerprintOf(it.authorizationKey()) }.sort()
    assert !baseline.text.contains(ItSupport.LEAKED.authorizationKey())
    def report = ItSupport.scanReport(basedir)
    assert report.get('findings').every { it.get('baselined').asBoolean() }
    def failing = report.get('findings').findAll { it.get('failing').asBoolean() }
    assert failing.collect { it.get('status').asText() } == ['ACTIVE']
    assert ItSupport.buildLog(basedir).contains('GigaChat key scan failed: 1 ACTIVE key')
} finally {
    ItSupport.stop(context)
}
