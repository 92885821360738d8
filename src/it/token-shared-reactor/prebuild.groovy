// 30 small modules, each with one document of its own
(1..30).each { i ->
    def name = String.format('module-%02d', i)
    def dir = new File(basedir, name)
    new File(dir, 'src/main/resources').mkdirs()
    new File(dir, 'pom.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>it.gigachat</groupId><artifactId>token-shared-reactor</artifactId><version>1.0</version></parent>
  <artifactId>${name}</artifactId>
  <packaging>pom</packaging>
</project>
"""
    new File(dir, 'src/main/resources/guide.md').text = "# Module ${i}\n\nThis module's own guide, number ${i}.\n"
}
io.github.gigachat.it.ItSupport.startEmulator(context)
