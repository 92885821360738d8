import groovy.xml.XmlSlurper
import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_PAID'
    assert report.get('scope').asText() == 'GIGACHAT_API_PERS'
    assert report.get('credentialsSource').asText() == 'env:GIGACHAT_CREDENTIALS'
    assert report.get('keyFingerprint').asText() ==~ /sha256:[0-9a-f]{12}/
    assert report.get('balance').get('embeddings').asLong() == 1000000
    assert report.get('schemaVersion').asInt() == 1
    assert report.get('emulated').asBoolean() == false
    def junit = new XmlSlurper().parse(new File(basedir, 'target/gigachat/TEST-gigachat-verify.xml'))
    assert junit.@failures.text() == '0'
    assert junit.testcase.size() == report.get('checks').size()
    def log = ItSupport.buildLog(basedir)
    assert log.contains('Using GigaChat credentials from the environment variable GIGACHAT_CREDENTIALS')
    assert log.contains('GigaChat key check: VALID_PAID')
    assert ItSupport.emulator(context).stats().requests(Endpoint.OAUTH) == 3 // scope auto: the three scopes at once
    assert ItSupport.emulator(context).issuedTokens().size() == 1
} finally {
    ItSupport.stop(context)
}
