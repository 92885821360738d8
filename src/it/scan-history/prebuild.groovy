import io.github.gigachat.it.ItSupport

ItSupport.startEmulator(context)
def before = new File(basedir, 'config/before.properties')
def after = new File(basedir, 'config/after.properties')
before.parentFile.mkdirs()
before.text = "key=${ItSupport.LEAKED.authorizationKey()}\n"
ItSupport.gitCommitAll(basedir, 'before the ref: not in this scan')
before.delete()
ItSupport.gitCommitAll(basedir, 'removed before the ref')
ItSupport.gitTag(basedir, 'v1')
after.text = "# added after v1\nkey=${ItSupport.REVOKED.authorizationKey()}\n"
def added = ItSupport.gitCommitAll(basedir, 'after the ref')
after.delete()
ItSupport.gitCommitAll(basedir, 'deleted again: only the history holds it')
new File(basedir, 'added-commit.txt').text = added
return true
