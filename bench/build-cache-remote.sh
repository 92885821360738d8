#!/usr/bin/env bash
# Two CI "agents" share gigachat:embed's output through Apache's Maven Build Cache Extension and a real remote cache:
# Debian's nginx with WebDAV (PUT, GET, HEAD), started here on 127.0.0.1 and stopped at the end.
#
#   bench/build-cache-remote.sh [files=300]      LATENCY=ms (default 50) for the emulator's answers
#   KEEP=1 bench/build-cache-remote.sh           keeps the work directory (mktemp) to look at afterwards
#
# Builds the plugin (tests compiled, not run; bench/scan-common.sh), makes a git repository of examples/quickstart
# with the README's .mvn/extensions.xml and .mvn/maven-build-cache-config.xml (remote cache: the nginx below) and
# [files] generated Markdown documents, and clones it twice, into agent1/ and agent2/, each with a local Maven
# repository and a build cache of its own (filled from ~/.m2 as a file:// remote). After one warm-up build per agent
# with the cache off (so that the timings hold no plugin downloads), it times `mvn -B clean package`:
#   agent 1: with a key, against the emulator; saves to the remote cache (-Dmaven.build.cache.remote.save.enabled=true),
#   agent 2: with no key at all (GIGACHAT_* removed from the environment): must make zero requests to the emulator and
#            package a jar byte-identical to agent 1's,
#   agent 2 without the cache (-Dmaven.build.cache.enabled=false, with a key): what it would pay otherwise.
# The quickstart's gigachat:verify is left out of the agents' pom: it needs a key on every agent by design.
# Skips (exit 0) where nginx or its WebDAV module is not installed (apt-get install nginx).
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-300}
latency=${LATENCY:-50}

if ! command -v nginx > /dev/null; then
  echo "SKIPPED: nginx is not installed (Debian: apt-get install nginx); nothing was measured."
  exit 0
fi
if ! nginx -V 2>&1 | grep -q -- --with-http_dav_module; then
  echo "SKIPPED: this nginx has no WebDAV module (--with-http_dav_module); nothing was measured."
  exit 0
fi

# shellcheck source=bench/scan-common.sh
. bench/scan-common.sh
build_plugin
ext_version=$(sed -n 's:.*<maven-build-cache-extension.version>\(.*\)</maven-build-cache-extension.version>.*:\1:p' pom.xml)
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
./mvnw -B -q dependency:get -Dartifact="org.apache.maven.extensions:maven-build-cache-extension:$ext_version" >/dev/null
cp="target/classes:$(cat target/bench-classpath.txt)"

work=$(mktemp -d)
nginx_pid=""
emulator_pid=""
cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  [ -n "${KEEP:-}" ] && echo "Kept $work" || rm -rf "$work"
}
trap cleanup EXIT

# --- the remote cache: nginx with WebDAV, everything under $work ---------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/nginx/tmp" "$work/remote"
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;"  # the worker writes into $work, which only we may enter
cat > "$work/nginx/nginx.conf" <<EOF
$user_line
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 64; }
http {
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $work/remote;
    client_max_body_size 0;
    location /cache/ {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" > "$work/nginx/stdout.log" 2>&1 &
nginx_pid=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
curl -s -o /dev/null "http://127.0.0.1:$port/" || { echo "nginx did not start:" >&2; cat "$work/nginx/"*.log >&2; exit 1; }
remote="http://127.0.0.1:$port/cache"
echo "Remote cache: nginx $(nginx -v 2>&1 | sed 's:.*/::') with WebDAV at $remote (pid $nginx_pid)"

# --- the project: examples/quickstart with the README's build cache setup, in git, cloned twice ----------------------
origin=$work/origin
cp -r examples/quickstart "$origin"
sed -i '/<goal>verify<\/goal>/d' "$origin/pom.xml"
mkdir -p "$origin/.mvn" "$origin/src/main/resources/docs/generated"
cat > "$origin/.mvn/extensions.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<extensions>
  <extension>
    <groupId>org.apache.maven.extensions</groupId>
    <artifactId>maven-build-cache-extension</artifactId>
    <version>$ext_version</version>
  </extension>
</extensions>
EOF
cat > "$origin/.mvn/maven-build-cache-config.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<cache xmlns="http://maven.apache.org/BUILD-CACHE-CONFIG/1.0.0"
       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       xsi:schemaLocation="http://maven.apache.org/BUILD-CACHE-CONFIG/1.0.0 https://maven.apache.org/xsd/build-cache-config-1.0.0.xsd">
  <configuration>
    <remote enabled="true" id="build-cache">
      <url>$remote</url>
    </remote>
  </configuration>
$(sed -n '/<input>/,/<\/executionControl>/p' src/it/build-cache-embed/.mvn/maven-build-cache-config.xml)
</cache>
EOF
for i in $(seq 1 "$files"); do
  {
    printf '# Topic %d\n\n' "$i"
    for p in 1 2 3; do
      printf 'Paragraph %d of topic %d: orders, deliveries and returns are handled by team %d within %d days, ' \
        "$p" "$i" $(( i % 7 )) $(( (i * p) % 30 + 1 ))
      printf 'and the customer is told by e-mail at every step (case %d-%d).\n\n' "$i" "$p"
    done
  } > "$origin/src/main/resources/docs/generated/topic-$i.md"
done
git -C "$origin" init -q -b main
git -C "$origin" add -A
git -C "$origin" -c user.name=bench -c user.email=bench@example.invalid commit -q -m "quickstart with the build cache"

repo_xml="<repository><id>bench-repo</id><url>file://$bench_repo</url></repository><repository><id>user-repo</id><url>file://$user_repo</url></repository>"
printf '<settings><profiles><profile><id>bench</id><activation><activeByDefault>true</activeByDefault></activation><repositories>%s</repositories><pluginRepositories>%s</pluginRepositories></profile></profiles></settings>\n' \
  "$repo_xml" "${repo_xml//repository>/pluginRepository>}" > "$work/settings.xml"
for agent in agent1 agent2; do
  git clone -q "$origin" "$work/$agent/project"
done
jar=target/gigachat-quickstart-1.0.0-SNAPSHOT.jar

# --- the emulator, one per timed build, so that each build's requests are counted alone -----------------------------
start_emulator() {
  java -cp "$cp" io.github.gigachat.emulator.EmulatorMain 0 "$latency" > "$work/emulator.out" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 600); do grep -q 'base URL' "$work/emulator.out" 2>/dev/null && break; sleep 0.1; done
  grep -q 'base URL' "$work/emulator.out" || { echo "The emulator did not start:" >&2; cat "$work/emulator.out" >&2; exit 1; }
  auth=$(sed -n 's/.*auth URL: //p' "$work/emulator.out"); base=$(sed -n 's/.*base URL: //p' "$work/emulator.out")
  key=$(sed -n 's/.*DEMO_B2B_PAID .*key=//p' "$work/emulator.out")
}
stop_emulator() { # sets stats (called in this shell: only it can wait for the emulator)
  kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true; emulator_pid=""
  stats=$(sed -n 's/^emulator stats: //p' "$work/emulator.out")
}

# Runs mvn in an agent's clone; prints the wall milliseconds. with-key: yes or no (no: no GIGACHAT_* variable at all).
mvn_agent() { # agent with-key log [args...]
  local agent=$1 with_key=$2 log=$3 start end
  shift 3
  local env_args=(env $(env | sed -n 's/^\(GIGACHAT_[A-Za-z0-9_]*\)=.*/-u \1/p'))
  [ "$with_key" = yes ] && env_args+=("GIGACHAT_CREDENTIALS=$key")
  start=$(date +%s%N)
  if ! (cd "$work/$agent/project" && "${env_args[@]}" "$root/mvnw" -B -s "$work/settings.xml" \
      -Dmaven.repo.local="$work/$agent/repo" -Dgigachat.authUrl="$auth" -Dgigachat.baseUrl="$base" "$@" > "$log" 2>&1); then
    echo "The build of $agent failed (see $log):" >&2; tail -40 "$log" >&2; exit 1
  fi
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

echo "Warming up both agents' local repositories (cache off, embed skipped)..."
auth=http://127.0.0.1:9/unused; base=$auth; key=""
for agent in agent1 agent2; do
  mvn_agent "$agent" no "$work/$agent-warmup.log" clean package -Dmaven.build.cache.enabled=false -Dgigachat.skip=true > /dev/null
done

start_emulator
t1=$(mvn_agent agent1 yes "$work/agent1.log" clean package -Dmaven.build.cache.remote.save.enabled=true)
stop_emulator; s1=$stats
start_emulator
t2=$(mvn_agent agent2 no "$work/agent2.log" clean package)
stop_emulator; s2=$stats
cp "$work/agent2/project/$jar" "$work/agent2-cached.jar"
start_emulator
t3=$(mvn_agent agent2 yes "$work/agent2-nocache.log" clean package -Dmaven.build.cache.enabled=false)
stop_emulator; s3=$stats

puts=$(grep -c '"PUT ' "$work/nginx/access.log" || true)
gets=$(grep -c '"GET .* 200 ' "$work/nginx/access.log" || true)
status=0
check() { # description command...
  if "${@:2}"; then echo "  ok: $1"; else echo "  FAILED: $1"; status=1; fi
}
echo
maven_time() { sed -n 's/.*Total time: *//p' "$1"; }
echo "agent 1 (key, embeds, saves to the remote cache): $t1 ms (Maven: $(maven_time "$work/agent1.log")); emulator: $s1"
echo "agent 2 (no key, restores from the remote cache): $t2 ms (Maven: $(maven_time "$work/agent2.log")); emulator: $s2"
echo "agent 2 without the cache (key, embeds again):    $t3 ms (Maven: $(maven_time "$work/agent2-nocache.log")); emulator: $s3"
echo "remote cache: $puts PUT, $gets GET answered 200"
check "agent 1 saved to the remote cache" grep -q 'Saved to remote cache' "$work/agent1.log"
check "agent 2 found agent 1's build" grep -q 'Found cached build' "$work/agent2.log"
check "agent 2 skipped gigachat:embed" grep -q 'Skipping plugin execution (cached): gigachat:embed' "$work/agent2.log"
check "agent 2 ran gigachat:scan anyway (runAlways)" grep -q 'Mojo execution is forced by project property: gigachat:scan' "$work/agent2.log"
check "agent 2 made no request" grep -q 'embeddingsRequests=0 .*oauthRequests=0 ' <<< "$s2"
check "agent 2 read no key" bash -c "! grep -q 'Using GigaChat credentials' '$work/agent2.log'"
check "agent 2's jar is byte-identical to agent 1's" cmp -s "$work/agent1/project/$jar" "$work/agent2-cached.jar"
check "no key in the remote cache or the logs" bash -c "! grep -rqF '$key' '$work/remote' '$work'/agent*.log"
check "no runAlways warning" bash -c "! grep -q runAlways '$work/agent1.log' '$work/agent2.log'"
exit $status
