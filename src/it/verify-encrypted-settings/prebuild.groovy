io.github.gigachat.it.ItSupport.startEmulator(context)
context.get('userProperties').put('settings.security', new File(basedir, 'settings-security.xml').absolutePath)
