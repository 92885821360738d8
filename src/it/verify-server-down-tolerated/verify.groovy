import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'UNKNOWN'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('[WARNING] GigaChat key check: UNKNOWN')
    assert log.contains('gigachat.failOnUnknown=false')
    assert log.contains('BUILD SUCCESS')
} finally {
    ItSupport.stop(context)
}
