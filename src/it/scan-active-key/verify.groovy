import groovy.xml.XmlSlurper
import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def leaked = ItSupport.LEAKED
    def report = ItSupport.scanReport(basedir)
    assert report.get('outcome').asText() == 'FAILED'
    def findings = report.get('findings')
    assert findings.size() == 2
    def active = findings.get(0)
    assert active.get('status').asText() == 'ACTIVE'
    assert active.get('scope').asText() == 'GIGACHAT_API_CORP'
    assert active.get('failing').asBoolean()
    def places = active.get('locations').collect { it.get('path').asText() + ':' + it.get('line').asInt() }
    assert places == ['app/.env:2', 'app/src/main/resources/application.properties:3']
    def inactive = findings.get(1)
    assert inactive.get('status').asText() == 'INACTIVE'
    assert !inactive.get('failing').asBoolean()
    assert inactive.get('locations').collect { it.get('path').asText() } == ['lib/src/test/resources/fixture.yaml']

    def log = ItSupport.buildLog(basedir)
    assert log =~ /\[ERROR\].*ACTIVE.*/
    assert log =~ /\[ERROR\].*app\/src\/main\/resources\/application\.properties:3/
    assert log.contains('GIGACHAT_API_CORP')
    assert log =~ /\[WARNING\].*INACTIVE/
    assert log.contains('GigaChat key scan failed: 1 ACTIVE key')
    assert log.contains('Checking 2 distinct keys')
    assert ItSupport.emulator(context).stats().requests(Endpoint.OAUTH) == 6 // two keys, three scopes each
    assert ItSupport.emulator(context).issuedTokens().size() == 1
    // the reports of the top-level project only
    assert new File(basedir, 'target/gigachat/scan-report.sarif').isFile()
    assert new File(basedir, 'target/gigachat/TEST-gigachat-scan.xml').isFile()
    assert !new File(basedir, 'app/target/gigachat/scan-report.json').exists()
    def junit = new XmlSlurper().parse(new File(basedir, 'target/gigachat/TEST-gigachat-scan.xml'))
    assert junit.@failures.text() == '1'
    def hits = ItSupport.findSecrets(basedir, [leaked.authorizationKey(), leaked.secret(), ItSupport.REVOKED.secret()],
            ['app/src/main/resources/application.properties', 'app/.env', 'lib/src/test/resources/fixture.yaml',
             'secrets.local.properties', 'app/target/leftover.properties'])
            .findAll { !it.startsWith('.git/') && !it.startsWith('.git' + File.separator) }
    assert hits.isEmpty() : hits.join(', ')
} finally {
    ItSupport.stop(context)
}
