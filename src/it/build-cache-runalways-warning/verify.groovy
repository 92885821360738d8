import io.github.gigachat.it.ItSupport

def log = ItSupport.buildLog(basedir)
assert log.contains('Loading cache configuration from')
// both goals ran; the warning came once, from the first of them, and names both
assert log.contains('GigaChat scan:')
assert new File(basedir, 'target/gigachat/verify-report.json').isFile()
def warnings = log.readLines().findAll { it.startsWith('[WARNING]') && it.contains('runAlways') }
assert warnings.size() == 1 : warnings
assert warnings[0].contains('skips gigachat:verify and gigachat:scan on a cache hit')
assert warnings[0].contains(new File(basedir, '.mvn/maven-build-cache-config.xml').canonicalPath)
def block = '''<executionControl>
  <runAlways>
    <goalsLists>
      <goalsList artifactId="gigachat-maven-plugin">
        <goals>
          <goal>verify</goal>
          <goal>scan</goal>
        </goals>
      </goalsList>
    </goalsLists>
  </runAlways>
</executionControl>'''
assert log.contains(block)
