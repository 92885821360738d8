import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def emulator = ItSupport.emulator(context)
    def secrets = [ItSupport.CANARY.authorizationKey(), ItSupport.CANARY.secret(), 'PROXY-CANARY-pw-5e1f'] + emulator.issuedTokens()
    assert emulator.issuedTokens().size() >= 1
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_PAID'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('[DEBUG]')
    assert new File(basedir, 'target/generated-resources/gigachat/META-INF/gigachat/embeddings/spring-ai-vector-store.json').isFile()
    assert new File(basedir, 'target/gigachat/embed-report.json').isFile()
    def hits = ItSupport.findSecrets(basedir, secrets)
    assert hits.isEmpty() : hits.join(', ')
} finally {
    ItSupport.stop(context)
}
