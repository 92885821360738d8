import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'UNKNOWN'
    assert report.get('scope').asText() == 'GIGACHAT_API_PERS'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('For a GIGACHAT_API_PERS key that does not prove pay-as-you-go')
    assert log.contains('-Dgigachat.probe=true')
    assert !log.contains('VALID_POSTPAID')
    assert ItSupport.emulator(context).stats().requests(Endpoint.BALANCE) == 1
} finally {
    ItSupport.stop(context)
}
