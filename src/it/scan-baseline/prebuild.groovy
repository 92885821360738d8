import io.github.gigachat.it.ItSupport
import io.github.gigachat.scan.KeyFinding

ItSupport.startEmulator(context)
def accepted = ItSupport.REVOKED.authorizationKey()
def fresh = ItSupport.LEAKED.authorizationKey()
// the baseline was written when line 1 of b.properties held the accepted key; it moved, a new key took its line
new File(basedir, '.gigachat-scan-baseline.json').text =
        '{"schemaVersion": 1, "findings": [{"fingerprint": "' + KeyFinding.fingerprintOf(accepted) +
                '", "kind": "authorization-key", "status": "INACTIVE", "path": "b.properties"}]}\n'
new File(basedir, 'a.properties').text = "# moved here\nkey=${accepted}\n"
new File(basedir, 'b.properties').text = "key=${fresh}\n"
ItSupport.gitCommitAll(basedir, 'a baselined key and a new one')
return true
