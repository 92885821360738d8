import io.github.gigachat.emulator.Endpoint
import io.github.gigachat.it.ItSupport
import groovy.json.JsonSlurper

try {
    def emulator = ItSupport.emulator(context)
    // verify and embed in 30 modules, under -T 4: one token for the build, asked for once
    assert emulator.stats().requests(Endpoint.OAUTH) == 1
    assert emulator.issuedTokens().size() == 1
    (1..30).each { i ->
        def module = String.format('module-%02d/', i)
        assert ItSupport.report(basedir, module).get('outcome').asText() == 'VALID_PAID'
        def manifest = new JsonSlurper().parse(new File(basedir,
                module + 'target/generated-resources/gigachat/META-INF/gigachat/embeddings/manifest.json'))
        assert manifest.count == 1
    }
    assert emulator.stats().embeddedTexts() == 30
} finally {
    ItSupport.stop(context)
}
