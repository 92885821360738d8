import io.github.gigachat.it.ItSupport

import java.util.zip.ZipFile

try {
    def emulator = ItSupport.emulator(context)
    def secrets = [ItSupport.CANARY.authorizationKey(), ItSupport.CANARY.secret(), 'PROXY-CANARY-pw-5e1f'] + emulator.issuedTokens()
    assert emulator.issuedTokens().size() >= 1
    def report = ItSupport.report(basedir)
    assert report.get('outcome').asText() == 'VALID_PAID'
    assert report.get('credentialsSource').asText() == 'settings:gigachat'
    def log = ItSupport.buildLog(basedir)
    assert log.contains('[DEBUG]')
    // the other plugins of a jar build ran under -X as well, so their output is scanned too
    ['resources', 'compiler', 'surefire', 'jar'].each { assert log =~ /--- (maven-)?${it}(-plugin)?:/ : it }
    // the known outside leak: maven-resources-plugin prints the environment under -X (hence the key in settings.xml)
    assert log.contains('env-value-printed-by-resources-under-X')
    assert new File(basedir, 'target/classes/it/gigachat/canary/Guide.class').isFile()
    assert new File(basedir, 'target/classes/guide.md').text.contains('Built by verify-canary-debug.')
    assert new File(basedir, 'target/generated-resources/gigachat/META-INF/gigachat/embeddings/spring-ai-vector-store.json').isFile()
    assert new File(basedir, 'target/gigachat/embed-report.json').isFile()
    new ZipFile(new File(basedir, 'target/verify-canary-debug-1.0.jar')).withCloseable { jar ->
        assert jar.getEntry('META-INF/gigachat/embeddings/manifest.json') != null
        assert jar.getEntry('it/gigachat/canary/Guide.class') != null
    }
    def hits = ItSupport.findSecrets(basedir, secrets)
    assert hits.isEmpty() : hits.join(', ')
} finally {
    ItSupport.stop(context)
}
