import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_PAID'
    assert report.get('credentialsSource').asText() == 'settings:gigachat'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('[DEBUG]')
    assert log.contains('Using GigaChat credentials from the <username>/<password> (user and password) of <server> gigachat in settings.xml')
    def emulator = ItSupport.emulator(context)
    assert emulator.stats().requests(Endpoint.TOKEN) == 1
    assert emulator.stats().requests(Endpoint.OAUTH) == 0
    def password = 'USER-PASSWORD-CANARY-91f3c'
    def basic = Base64.encoder.encodeToString("canary-user:${password}".getBytes('UTF-8'))
    def secrets = [password, basic] + emulator.issuedTokens()
    assert emulator.issuedTokens().size() == 1
    def hits = ItSupport.findSecrets(basedir, secrets, ['canary-settings.xml'])
    assert hits.isEmpty() : hits.join(', ')
} finally {
    ItSupport.stop(context)
}
return true
