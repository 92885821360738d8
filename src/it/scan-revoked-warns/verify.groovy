import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.scanReport(basedir)
    assert report.get('outcome').asText() == 'PASSED'
    def finding = report.get('findings').get(0)
    assert report.get('findings').size() == 1
    assert finding.get('status').asText() == 'INACTIVE'
    assert finding.get('scope').isNull()
    assert finding.get('locations').get(0).get('path').asText() == 'b/src/test/resources/request.json'
    assert finding.get('locations').get(0).get('line').asInt() == 3
    def log = ItSupport.buildLog(basedir)
    assert log =~ /\[WARNING\].*INACTIVE/
    assert !log.contains('[ERROR]')
    // one scan and one check for the three projects of the build
    assert log.count('Checking 1 key found') == 1
    assert log.count('GigaChat key scan: done earlier in this build') == 2
    assert ItSupport.emulator(context).stats().requests(Endpoint.OAUTH) == 3
    assert !new File(basedir, 'a/target/gigachat').exists()
} finally {
    ItSupport.stop(context)
}
