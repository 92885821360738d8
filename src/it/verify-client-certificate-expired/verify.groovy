import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'INVALID'
    def checks = report.get('checks').collect { it.get('name').asText() + '=' + it.get('status').asText() }
    assert checks == ['credentials=PASS', 'client-certificate=FAIL']
    def log = ItSupport.buildLog(basedir)
    assert log =~ /The client certificate CN=expired,O=GigaChat Plugin Tests \(sha256:[0-9a-f]{12}\) in .*expired\.crt\.pem expired on \d{4}-\d{2}-\d{2} \(valid from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)/
    assert log.contains('BUILD FAILURE')
    // judged before any call: the emulator saw no connection at all
    def stats = ItSupport.emulator(context).stats()
    assert stats.clientCertificateRequests() == 0
    assert stats.totalRequests() == 0
} finally {
    ItSupport.stop(context)
}
return true
