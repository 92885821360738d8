import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'INVALID'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('unknown or was revoked')
    assert log.contains('[DEBUG]')
    assert ItSupport.emulator(context).stats().requests(Endpoint.OAUTH) == 3 // scope auto: the three scopes at once
    def secrets = ['MGRkYmExMWMtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDBiZWVmOlVOS05PV04tQ0FOQVJZLVNFQ1JFVC1jMGRlLTc3', 'UNKNOWN-CANARY-SECRET-c0de-77', 'PROXY-CANARY-pw-5e1f']
    def hits = ItSupport.findSecrets(basedir, secrets)
    assert hits.isEmpty() : hits.join(', ')
} finally {
    ItSupport.stop(context)
}
