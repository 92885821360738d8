import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport

try {
    def emulator = ItSupport.emulator(context)
    assert emulator.stats().requests(Endpoint.OAUTH) == 3 // scope auto: the three scopes at once, once per build
    assert emulator.issuedTokens().size() == 1
    assert emulator.stats().requests(Endpoint.BALANCE) == 1
    (1..5).each { i ->
        assert ItSupport.report(basedir, "module-${i}/").get('outcome').asText() == 'VALID_PAID'
    }
    assert ItSupport.report(basedir).get('outcome').asText() == 'VALID_PAID'
    def log = ItSupport.buildLog(basedir)
    assert log.count('reused from an earlier module of this build') == 5
} finally {
    ItSupport.stop(context)
}
