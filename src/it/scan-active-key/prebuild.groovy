import io.github.gigachat.it.ItSupport

ItSupport.startEmulator(context)
def leaked = ItSupport.LEAKED
def revoked = ItSupport.REVOKED
new File(basedir, '.gitignore').text = 'target/\nsecrets.local.properties\n'
def resources = new File(basedir, 'app/src/main/resources')
resources.mkdirs()
new File(resources, 'application.properties').text =
        "server.port=8080\n# TODO move to the vault\ngigachat.credentials=${leaked.authorizationKey()}\n"
new File(basedir, 'app/.env').text =
        "GIGACHAT_CLIENT_ID=${leaked.clientId()}\nGIGACHAT_CLIENT_SECRET=${leaked.secret()}\n"
def libResources = new File(basedir, 'lib/src/test/resources')
libResources.mkdirs()
new File(libResources, 'fixture.yaml').text = "gigachat:\n  key: \"${revoked.authorizationKey()}\"\n"
// what git would not commit: ignored, and Maven output
new File(basedir, 'secrets.local.properties').text = "key=${revoked.authorizationKey()}\n"
new File(basedir, 'app/target').mkdirs()
new File(basedir, 'app/target/leftover.properties').text = "key=${leaked.authorizationKey()}\n"
ItSupport.gitCommitAll(basedir, 'a key committed by mistake')
return true
