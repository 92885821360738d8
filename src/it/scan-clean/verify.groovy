import groovy.xml.XmlSlurper
import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.scanReport(basedir)
    assert report.get('schemaVersion').asInt() == 1
    assert report.get('outcome').asText() == 'PASSED'
    assert report.get('git').asBoolean()
    assert report.get('findings').size() == 0
    assert report.get('filesScanned').asLong() >= 4 // pom.xml, the two sources, prebuild/verify hooks
    def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/gigachat/scan-report.sarif'))
    assert sarif.version == '2.1.0'
    assert sarif.runs[0].results.isEmpty()
    def junit = new XmlSlurper().parse(new File(basedir, 'target/gigachat/TEST-gigachat-scan.xml'))
    assert junit.@failures.text() == '0'
    assert junit.testcase.size() == 1
    def log = ItSupport.buildLog(basedir)
    assert log.contains('No GigaChat key found') || log.contains('no GigaChat key found')
    assert !log.contains('[ERROR]')
    assert ItSupport.emulator(context).stats().requests(Endpoint.OAUTH) == 0
} finally {
    ItSupport.stop(context)
}
