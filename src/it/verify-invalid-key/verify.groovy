import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'INVALID'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('bare UUID')
    assert log.contains('Client ID or the Client Secret')
    assert log.contains('GIGACHAT_CREDENTIALS')
    assert ItSupport.emulator(context).stats().totalRequests() == 0
} finally {
    ItSupport.stop(context)
}
