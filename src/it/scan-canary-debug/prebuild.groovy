import io.github.gigachat.it.ItSupport

ItSupport.startEmulator(context)
def key = ItSupport.CANARY.authorizationKey()
def urlSafe = key.replace('+', '-').replace('/', '_').replace('=', '')
new File(basedir, 'src/main/resources').mkdirs()
new File(basedir, 'src/main/resources/canary.properties').text =
        "plain=${key}\nbasic=Authorization: Basic ${key}\nurlsafe=${urlSafe}\n" +
        "encoded=${URLEncoder.encode(key, 'UTF-8')}\n"
new File(basedir, 'src/main/resources/k8s-secret.yaml').text =
        "apiVersion: v1\nkind: Secret\ndata:\n  GIGACHAT_CREDENTIALS: ${key.bytes.encodeBase64()}\n"
new File(basedir, 'target').mkdirs()
ItSupport.gitCommitAll(basedir, 'a canary')
return true
