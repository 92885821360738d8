import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_POSTPAID'
    assert report.get('scope').asText() == 'GIGACHAT_API_CORP'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('pay-as-you-go')
    assert log.contains('BUILD SUCCESS')
} finally {
    ItSupport.stop(context)
}
