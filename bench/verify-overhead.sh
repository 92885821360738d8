#!/usr/bin/env bash
# Benchmark: the time gigachat:verify adds to a Maven build, against the emulator at a given network latency.
#
#   bench/verify-overhead.sh [runs] [latencies-ms...]      e.g. bench/verify-overhead.sh 7 0 100
#
# For each latency it starts the emulator (one JVM, kept warm) and times, with the project's Maven wrapper:
#   A1: a 1-module build (validate) without the plugin,   B1: the same with gigachat:verify,
#   A5: a 5-module reactor without the plugin,            B5: the same with gigachat:verify in every module.
# It prints the median wall time of each and the medians' differences (the plugin's cost), plus the plugin's
# own durationMs from verify-report.json. Targets (issue 2): B1-A1 <= 300 ms at 0 ms latency; B-A grows by at
# most two round trips of latency (token, then models and balance in parallel), whatever the module count.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${1:-7}
shift || true
latencies=("${@:-0 100}")
[ $# -eq 0 ] && latencies=(0 100)

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
echo "Building and installing the plugin $version (tests skipped)..."
./mvnw -B -q install -DskipTests -Dinvoker.skip=true -Dspotless.check.skip=true >/dev/null
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
cp="target/classes:$(cat target/bench-classpath.txt)"

work=$(mktemp -d)
trap 'kill "${emulator_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

plugin_block='<build><plugins><plugin><groupId>io.github.gigachat</groupId><artifactId>gigachat-maven-plugin</artifactId>
<version>'"$version"'</version><executions><execution><goals><goal>verify</goal></goals></execution></executions>
</plugin></plugins></build>'

make_project() { # dir modules with-plugin
  local dir=$1 modules=$2 with=$3 mods="" build=""
  mkdir -p "$dir"
  if [ "$modules" -gt 1 ]; then
    mods="<modules>"; for i in $(seq 1 "$modules"); do mods="$mods<module>m$i</module>"; done; mods="$mods</modules>"
    for i in $(seq 1 "$modules"); do
      mkdir -p "$dir/m$i"
      printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><parent><groupId>bench</groupId><artifactId>root</artifactId><version>1</version></parent><artifactId>m%s</artifactId><packaging>pom</packaging></project>\n' "$i" > "$dir/m$i/pom.xml"
    done
  fi
  [ "$with" = yes ] && build=$plugin_block
  printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>root</artifactId><version>1</version><packaging>pom</packaging>%s%s</project>\n' "$mods" "$build" > "$dir/pom.xml"
}
make_project "$work/A1" 1 no; make_project "$work/B1" 1 yes
make_project "$work/A5" 5 no; make_project "$work/B5" 5 yes

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_build() { # dir -> prints milliseconds
  local start end
  start=$(date +%s%N)
  "$root/mvnw" -B -q -f "$1/pom.xml" validate -Dgigachat.authUrl="$auth" -Dgigachat.baseUrl="$base" -Dgigachat.scope=GIGACHAT_API_PERS >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

export GIGACHAT_CREDENTIALS=NmYxYzJhM2UtN2I0ZC00YzVlLTlhMTAtMDAwMDAwMDAwMDAxOjBlNWQ0YzNiLTJhMTktNGYwOC04ZTdkLTAwMDAwMDAwYTAwMQ==
printf '\n%-10s %8s %8s %8s %8s %10s %10s %12s\n' latency A1 B1 A5 B5 "B1-A1" "B5-A5" "plugin(ms)"
for latency in "${latencies[@]}"; do
  java -cp "$cp" io.github.gigachat.emulator.EmulatorMain 0 "$latency" > "$work/emulator.out" &
  emulator_pid=$!
  for _ in $(seq 1 50); do grep -q 'base URL' "$work/emulator.out" 2>/dev/null && break; sleep 0.1; done
  auth=$(sed -n 's/.*auth URL: //p' "$work/emulator.out"); base=$(sed -n 's/.*base URL: //p' "$work/emulator.out")
  time_build "$work/B1" >/dev/null # warm the file system cache and the emulator
  declare -A results=()
  for name in A1 B1 A5 B5; do
    results[$name]=$(for _ in $(seq 1 "$runs"); do time_build "$work/$name"; done | median)
  done
  own=$(sed -n 's/.*"durationMs" : \([0-9]*\).*/\1/p' "$work/B1/target/gigachat/verify-report.json")
  printf '%-10s %8s %8s %8s %8s %10s %10s %12s\n' "${latency}ms" "${results[A1]}" "${results[B1]}" "${results[A5]}" \
    "${results[B5]}" "$(( results[B1] - results[A1] ))" "$(( results[B5] - results[A5] ))" "$own"
  kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true
done
echo
echo "Medians of $runs runs, wall-clock milliseconds of whole Maven builds (JVM start included)."
