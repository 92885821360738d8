import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport
import io.github.gigachat.scan.KeyFinding

try {
    def report = ItSupport.scanReport(basedir)
    def byFingerprint = report.get('findings').collectEntries { [(it.get('fingerprint').asText()): it] }
    def accepted = byFingerprint[KeyFinding.fingerprintOf(ItSupport.REVOKED.authorizationKey())]
    def fresh = byFingerprint[KeyFinding.fingerprintOf(ItSupport.LEAKED.authorizationKey())]
    assert accepted.get('status').asText() == 'UNVERIFIED'
    assert accepted.get('baselined').asBoolean()
    assert !accepted.get('failing').asBoolean()
    assert accepted.get('locations').get(0).get('path').asText() == 'a.properties'
    assert fresh.get('status').asText() == 'UNVERIFIED'
    assert !fresh.get('baselined').asBoolean()
    assert fresh.get('failing').asBoolean()
    assert fresh.get('locations').get(0).get('path').asText() == 'b.properties'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('GigaChat key scan failed: 1 UNVERIFIED key')
    assert ItSupport.emulator(context).stats().requests(Endpoint.OAUTH) == 0
} finally {
    ItSupport.stop(context)
}
