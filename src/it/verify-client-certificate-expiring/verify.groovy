import groovy.xml.XmlSlurper
import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_PAID'
    assert report.get('credentialsSource').asText() == 'env:GIGACHAT_CERT_FILE'
    def checks = report.get('checks').collect { it.get('name').asText() + '=' + it.get('status').asText() }
    assert checks == ['credentials=PASS', 'client-certificate=WARN', 'token=SKIP', 'models=PASS', 'balance:embeddings=PASS']
    def warning = report.get('checks').get(1).get('message').asText()
    assert warning.contains('CN=expiring-soon')
    assert warning ==~ /.*expires on \d{4}-\d{2}-\d{2}, in 9 days.*gigachat.certificateWarningDays=30.*/
    def junit = new XmlSlurper().parse(new File(basedir, 'target/gigachat/TEST-gigachat-verify.xml'))
    assert junit.@failures.text() == '0'
    assert junit.testcase.find { it.@name.text().endsWith('client-certificate') }.size() == 1
    def log = ItSupport.buildLog(basedir)
    assert log.contains('[WARNING]') && log.contains('CN=expiring-soon')
    assert log.contains('Using GigaChat credentials from the environment variables GIGACHAT_CERT_FILE and GIGACHAT_KEY_FILE (client certificate)')
    def stats = ItSupport.emulator(context).stats()
    assert stats.clientCertificateRequests() >= 2
    assert stats.requests(Endpoint.OAUTH) == 0
} finally {
    ItSupport.stop(context)
}
return true
