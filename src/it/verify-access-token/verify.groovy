import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_PAID'
    assert report.get('credentialsSource').asText() == 'env:GIGACHAT_ACCESS_TOKEN'
    assert report.get('keyFingerprint').asText() ==~ /sha256:[0-9a-f]{12}/
    assert report.get('scope').isNull()
    def checks = report.get('checks').collect { it.get('name').asText() + '=' + it.get('status').asText() }
    assert checks == ['credentials=PASS', 'token=SKIP', 'models=PASS', 'balance:embeddings=PASS']
    def log = ItSupport.buildLog(basedir)
    assert log.contains('Using GigaChat credentials from the environment variable GIGACHAT_ACCESS_TOKEN (access token)')
    assert !log.contains(ItSupport.PINNED_TOKEN)
    assert ItSupport.emulator(context).stats().requests(Endpoint.OAUTH) == 0
    assert ItSupport.findSecrets(basedir, [ItSupport.PINNED_TOKEN]).isEmpty()
} finally {
    ItSupport.stop(context)
}
return true
