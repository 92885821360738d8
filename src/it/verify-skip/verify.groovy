import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'SKIPPED'
    assert ItSupport.emulator(context).stats().totalRequests() == 0
} finally {
    ItSupport.stop(context)
}
