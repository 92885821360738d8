import io.github.gigachat.it.ItSupport

ItSupport.startEmulator(context)
def key = ItSupport.REVOKED.authorizationKey()
new File(basedir, 'b/src/test/resources').mkdirs()
// JSON-escaped, as a test fixture would hold it
new File(basedir, 'b/src/test/resources/request.json').text =
        '{\n  "headers": {\n    "Authorization": "Basic ' + key.replace('/', '\\/') + '"\n  }\n}\n'
ItSupport.gitCommitAll(basedir, 'a revoked key in a test fixture')
return true
