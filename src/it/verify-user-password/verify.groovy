import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_PAID'
    assert report.get('credentialsSource').asText() == 'env:GIGACHAT_USER'
    def checks = report.get('checks').collect { it.get('name').asText() + '=' + it.get('status').asText() }
    assert checks == ['credentials=PASS', 'token=PASS', 'models=PASS', 'balance:embeddings=PASS']
    def log = ItSupport.buildLog(basedir)
    assert log.contains('Using GigaChat credentials from the environment variables GIGACHAT_USER and GIGACHAT_PASSWORD (user and password)')
    def stats = ItSupport.emulator(context).stats()
    assert stats.requests(Endpoint.TOKEN) == 1
    assert stats.requests(Endpoint.OAUTH) == 0
    assert ItSupport.findSecrets(basedir, ['demo-password']).isEmpty()
} finally {
    ItSupport.stop(context)
}
return true
