import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'INVALID'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('belongs to scope GIGACHAT_API_B2B')
    assert log.contains('-Dgigachat.scope=GIGACHAT_API_B2B')
} finally {
    ItSupport.stop(context)
}
