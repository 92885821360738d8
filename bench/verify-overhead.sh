#!/usr/bin/env bash
# Benchmark: the time gigachat:verify adds to a Maven build, against the emulator at a given network latency.
#
#   bench/verify-overhead.sh [runs] [latencies-ms...]      e.g. bench/verify-overhead.sh 7 0 100
#
# For each latency it starts the emulator (one JVM, kept warm) and times, with the project's Maven wrapper:
#   A1: a 1-module build (validate) without any plugin,   B1: the same with gigachat:verify,
#   C1: a 1-module build running maven-enforcer-plugin,   D1: the same plus gigachat:verify (a realistic build
#       already pays for Maven's plugin machinery, so D1-C1 is what users see),
#   A5: a 5-module reactor without the plugin,            B5: the same with gigachat:verify in every module.
# Runs are interleaved (one of each per round) so that drift of the machine hits all alike. It prints the median
# wall time of each and the differences (the plugin's cost), plus the plugin's own durationMs (verify-report.json). Targets (issue 2): B1-A1 <= 300 ms at 0 ms latency; B-A grows by at
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

plugin_block='<plugin><groupId>io.github.gigachat</groupId><artifactId>gigachat-maven-plugin</artifactId>
<version>'"$version"'</version><executions><execution><goals><goal>verify</goal></goals></execution></executions>
</plugin>'

enforcer='<plugin><artifactId>maven-enforcer-plugin</artifactId><version>3.6.2</version><executions><execution>
<id>java</id><goals><goal>enforce</goal></goals><configuration><rules><requireJavaVersion><version>17</version>
</requireJavaVersion></rules></configuration></execution></executions></plugin>'

make_project() { # dir modules with-plugin [with-enforcer]
  local dir=$1 modules=$2 with=$3 mods="" build="" plugins=""
  mkdir -p "$dir"
  if [ "$modules" -gt 1 ]; then
    mods="<modules>"; for i in $(seq 1 "$modules"); do mods="$mods<module>m$i</module>"; done; mods="$mods</modules>"
    for i in $(seq 1 "$modules"); do
      mkdir -p "$dir/m$i"
      printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><parent><groupId>bench</groupId><artifactId>root</artifactId><version>1</version></parent><artifactId>m%s</artifactId><packaging>pom</packaging></project>\n' "$i" > "$dir/m$i/pom.xml"
    done
  fi
  [ "${4:-no}" = yes ] && plugins=$enforcer
  [ "$with" = yes ] && plugins="$plugins$plugin_block"
  [ -n "$plugins" ] && build="<build><plugins>$plugins</plugins></build>"
  printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>root</artifactId><version>1</version><packaging>pom</packaging>%s%s</project>\n' "$mods" "$build" > "$dir/pom.xml"
}
make_project "$work/A1" 1 no; make_project "$work/B1" 1 yes
make_project "$work/C1" 1 no yes; make_project "$work/D1" 1 yes yes
make_project "$work/A5" 5 no; make_project "$work/B5" 5 yes

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_build() { # dir -> prints milliseconds
  local start end
  start=$(date +%s%N)
  "$root/mvnw" -B -q -f "$1/pom.xml" validate -Dgigachat.authUrl="$auth" -Dgigachat.baseUrl="$base" -Dgigachat.scope=GIGACHAT_API_PERS >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

printf '\n%-8s %6s %6s %6s %6s %6s %6s %7s %7s %7s %10s\n' latency A1 B1 C1 D1 A5 B5 B1-A1 D1-C1 B5-A5 plugin-ms
for latency in "${latencies[@]}"; do
  java -cp "$cp" io.github.gigachat.emulator.EmulatorMain 0 "$latency" > "$work/emulator.out" &
  emulator_pid=$!
  for _ in $(seq 1 50); do grep -q 'base URL' "$work/emulator.out" 2>/dev/null && break; sleep 0.1; done
  auth=$(sed -n 's/.*auth URL: //p' "$work/emulator.out"); base=$(sed -n 's/.*base URL: //p' "$work/emulator.out")
  # the emulator prints its (fake) demo keys; the personal prepaid one is checked
  export GIGACHAT_CREDENTIALS; GIGACHAT_CREDENTIALS=$(sed -n 's/.*DEMO_PERS_PAID .*key=//p' "$work/emulator.out")
  time_build "$work/B1" >/dev/null # warm the file system cache and the emulator
  declare -A samples=()
  for _ in $(seq 1 "$runs"); do
    for name in A1 B1 C1 D1 A5 B5; do samples[$name]="${samples[$name]:-} $(time_build "$work/$name")"; done
  done
  declare -A m=()
  for name in A1 B1 C1 D1 A5 B5; do m[$name]=$(echo "${samples[$name]}" | tr ' ' '\n' | grep . | median); done
  own=$(sed -n 's/.*"durationMs" : \([0-9]*\).*/\1/p' "$work/D1/target/gigachat/verify-report.json")
  printf '%-8s %6s %6s %6s %6s %6s %6s %7s %7s %7s %10s\n' "${latency}ms" "${m[A1]}" "${m[B1]}" "${m[C1]}" "${m[D1]}" \
    "${m[A5]}" "${m[B5]}" "$(( m[B1] - m[A1] ))" "$(( m[D1] - m[C1] ))" "$(( m[B5] - m[A5] ))" "$own"
  kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true
done
echo
echo "Medians of $runs runs, wall-clock milliseconds of whole Maven builds (JVM start included)."
