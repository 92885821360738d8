import groovy.xml.XmlSlurper
import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_UNPAID'
    def junit = new XmlSlurper().parse(new File(basedir, 'target/gigachat/TEST-gigachat-verify.xml'))
    assert junit.@failures.text() == '1'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('GigaChat key check: VALID_UNPAID')
    assert log.contains("Buy a 'embeddings' package")
    assert log.contains('gigachat.failOnUnpaid=false')
} finally {
    ItSupport.stop(context)
}
