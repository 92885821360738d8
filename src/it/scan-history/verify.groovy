import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def added = new File(basedir, 'added-commit.txt').text.trim()
    def report = ItSupport.scanReport(basedir)
    assert report.get('history').asBoolean()
    assert report.get('since').asText() == 'v1'
    assert report.get('outcome').asText() == 'PASSED'
    def findings = report.get('findings')
    assert findings.size() == 1 : findings.toString()
    assert findings.get(0).get('status').asText() == 'INACTIVE'
    def location = findings.get(0).get('locations').get(0)
    assert location.get('path').asText() == 'config/after.properties'
    assert location.get('line').asInt() == 2
    assert location.get('commit').asText() == added
    def log = ItSupport.buildLog(basedir)
    assert log.contains(added.substring(0, 12))
    assert ItSupport.emulator(context).stats().requests(Endpoint.OAUTH) == 3
} finally {
    ItSupport.stop(context)
}
