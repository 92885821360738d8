import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_PAID'
    assert report.get('credentialsSource').asText() == 'settings:gigachat-encrypted'
    assert report.get('scope').asText() == 'GIGACHAT_API_B2B'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('Using GigaChat credentials from the <password> of <server> gigachat-encrypted in settings.xml')
} finally {
    ItSupport.stop(context)
}
