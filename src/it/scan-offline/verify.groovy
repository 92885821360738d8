import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.scanReport(basedir)
    def statuses = report.get('findings').collect { it.get('status').asText() }.sort()
    assert statuses == ['DEMO', 'UNVERIFIED']
    def unverified = report.get('findings').find { it.get('status').asText() == 'UNVERIFIED' }
    assert unverified.get('detail').asText().contains('offline')
    def log = ItSupport.buildLog(basedir)
    assert log =~ /\[ERROR\].*UNVERIFIED/
    assert log =~ /\[WARNING\].*DEMO/
    assert ItSupport.emulator(context).stats().requests(Endpoint.OAUTH) == 0
} finally {
    ItSupport.stop(context)
}
