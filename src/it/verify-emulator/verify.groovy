import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_PAID'
    assert report.get('emulated').asBoolean()
    def log = ItSupport.buildLog(basedir)
    assert log.contains('GigaChat key check: VALID_PAID [EMULATED]')
    assert log.contains('EMULATOR')
} finally {
    ItSupport.stop(context)
}
