#!/usr/bin/env bash
# Benchmark: the time gigachat:verify adds to a Maven build, and how long its own check takes, against the emulator
# over plain HTTP and over HTTPS with a CA bundle (GigaChat is HTTPS only), at given answer latencies.
#
#   bench/verify-overhead.sh [runs] [latencies-ms...]      e.g. bench/verify-overhead.sh 5 0 50   (the defaults)
#   SCHEMES=https BUILDS="A1 B1 Q1" bench/verify-overhead.sh 9 0 50    only HTTPS, only the builds named
#   DEMO_KEY=DEMO_CORP_POSTPAID BUILDS="B1 Q1" bench/verify-overhead.sh 5 0 200   scope auto for a CORP key
#
# For each scheme it starts one emulator per latency (for HTTPS with a throw-away CA made by the JDK's keytool, trusted
# by the plugin through -Dgigachat.caBundleFile) and times, with the project's Maven wrapper:
#   A1: a 1-module build (validate) without any plugin,
#   B1: the same with gigachat:verify and an explicit scope (the key's own: -Dgigachat.scope=GIGACHAT_API_PERS for the
#       default DEMO_KEY=DEMO_PERS_PAID; DEMO_KEY=DEMO_B2B_PAID or DEMO_CORP_POSTPAID check another demo key),
#   Q1: the same with gigachat:verify and -Dgigachat.scope=auto (the scope is found by trying),
#   C1: a 1-module build running maven-enforcer-plugin,   D1: the same plus gigachat:verify (explicit scope; a
#       realistic build already pays for Maven's plugin machinery, so D1-C1 is what users see),
#   A5: a 5-module reactor without the plugin,            B5: the same with gigachat:verify in every module.
# Runs are interleaved (each round builds each project against each latency's emulator) so that drift of the machine
# hits all alike. It prints the median wall time of each and the differences (the plugin's cost), and the median and
# minimum of the plugin's own check time (durationMs of verify-report.json) for B1 and Q1. Then, per scheme and
# latency L > 0, the round trips of the check: (check ms at L - check ms at 0) / L, i.e. the number of sequential HTTP
# exchanges (the emulator adds L to every answer; TCP and TLS handshakes get no added latency). On a busy machine the
# check times vary by hundreds of milliseconds: use more runs, or a larger L. Targets (issue 2): B1-A1 <= 300 ms at
# 0 ms latency; B-A grows by at most two round trips of latency (token, then models and balance in parallel),
# whatever the module count.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${1:-5}
shift || true
latencies=("$@")
[ ${#latencies[@]} -eq 0 ] && latencies=(0 50)
read -r -a schemes <<< "${SCHEMES:-http https}"

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
# The timed builds use a local repository of their own, filled from the user's one as a file:// remote: a snapshot
# another checkout installs into ~/.m2 meanwhile cannot replace the one measured here.
user_repo=${MAVEN_USER_REPO:-$HOME/.m2/repository}
bench_repo=$root/target/bench-repo
echo "Building the plugin $version (tests skipped) and installing it into $bench_repo..."
./mvnw -B -q package -DskipTests -Dinvoker.skip=true -Dspotless.check.skip=true >/dev/null
./mvnw -B -q install:install-file -Dfile="target/gigachat-maven-plugin-$version.jar" -DpomFile=pom.xml \
  -DlocalRepositoryPath="$bench_repo" >/dev/null
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
cp="target/classes:$(cat target/bench-classpath.txt)"

work=$(mktemp -d)
trap 'kill ${emulator_pid:-} 2>/dev/null || true; rm -rf "$work"' EXIT
repo_xml="<repository><id>user-repo</id><url>file://$user_repo</url></repository>"
printf '<settings><profiles><profile><id>bench</id><activation><activeByDefault>true</activeByDefault></activation><repositories>%s</repositories><pluginRepositories>%s</pluginRepositories></profile></profiles></settings>\n' \
  "$repo_xml" "${repo_xml//repository>/pluginRepository>}" > "$work/settings.xml"

# A throw-away CA and a certificate for 127.0.0.1 signed by it; the emulator serves the chain, the plugin trusts ca.pem.
export GIGACHAT_EMULATOR_KEYSTORE_PASSWORD=bench-only-keystore
make_tls() {
  local dir=$work/tls pw=$GIGACHAT_EMULATOR_KEYSTORE_PASSWORD
  mkdir -p "$dir"
  keytool -genkeypair -alias ca -keyalg EC -groupname secp256r1 -dname CN=bench-ca -ext bc:c -validity 2 \
    -storetype PKCS12 -keystore "$dir/ca.p12" -storepass "$pw" 2>/dev/null
  keytool -exportcert -rfc -alias ca -keystore "$dir/ca.p12" -storepass "$pw" > "$dir/ca.pem"
  keytool -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 -validity 2 \
    -storetype PKCS12 -keystore "$dir/server.p12" -storepass "$pw" 2>/dev/null
  keytool -certreq -alias server -keystore "$dir/server.p12" -storepass "$pw" \
    | keytool -gencert -alias ca -keystore "$dir/ca.p12" -storepass "$pw" -ext san=ip:127.0.0.1 -validity 2 -rfc \
    > "$dir/server.pem"
  cat "$dir/ca.pem" "$dir/server.pem" > "$dir/chain.pem"
  keytool -importcert -alias server -file "$dir/chain.pem" -keystore "$dir/server.p12" -storepass "$pw" -noprompt \
    >/dev/null 2>&1
}
make_tls

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

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
time_build() { # name scope -> prints "wall-ms check-ms" (check-ms "-" without a report)
  local dir=$work/$1 report start end own=- log=$work/build.log
  [ "$1" = Q1 ] && dir=$work/B1
  report=$dir/target/gigachat/verify-report.json
  rm -f "$report"
  start=$(date +%s%N)
  if ! "$root/mvnw" -B -q -s "$work/settings.xml" -Dmaven.repo.local="$bench_repo" -f "$dir/pom.xml" validate \
      -Dgigachat.authUrl="$auth" -Dgigachat.baseUrl="$base" \
      -Dgigachat.scope="$2" "${ca_args[@]}" > "$log" 2>&1; then
    echo "build $1 failed:" >&2; cat "$log" >&2; exit 1
  fi
  end=$(date +%s%N)
  [ -f "$report" ] && own=$(grep -o '"durationMs"[^0-9]*[0-9]*' "$report" | grep -o '[0-9]*$')
  echo "$(( (end - start) / 1000000 )) $own"
}

read -r -a names <<< "${BUILDS:-A1 B1 Q1 C1 D1 A5 B5}"
median_of() { tr ' ' '\n' | grep '[0-9]' | median; }
min_of() { tr ' ' '\n' | grep '[0-9]' | sort -n | head -1; }
diff_of() { [[ "${1:-}" =~ ^[0-9]+$ && "${2:-}" =~ ^[0-9]+$ ]] && echo $(( $1 - $2 )) || echo -; }
declare -A check=()
printf '\n%-6s %-7s' scheme latency
for name in "${names[@]}"; do printf ' %6s' "$name"; done
printf ' %6s %6s %6s %6s  %s\n' B1-A1 Q1-A1 D1-C1 B5-A5 'check ms median/min: explicit, auto'
for scheme in "${schemes[@]}"; do
  ca_args=()
  https_args=()
  if [ "$scheme" = https ]; then
    https_args=(--https "$work/tls/server.p12"); ca_args=(-Dgigachat.caBundleFile="$work/tls/ca.pem")
  fi
  # one emulator per latency, all running at once, so that every round builds against each of them in turn and the
  # machine's drift hits all latencies alike
  declare -A auth_of=() base_of=() pid_of=()
  for latency in "${latencies[@]}"; do
    java -cp "$cp" io.github.gigachat.emulator.EmulatorMain 0 "$latency" "${https_args[@]}" > "$work/emulator-$latency.out" &
    pid_of[$latency]=$!
    emulator_pid="${emulator_pid:-} $!"
    for _ in $(seq 1 100); do grep -q 'base URL' "$work/emulator-$latency.out" 2>/dev/null && break; sleep 0.1; done
    auth_of[$latency]=$(sed -n 's/.*auth URL: //p' "$work/emulator-$latency.out")
    base_of[$latency]=$(sed -n 's/.*base URL: //p' "$work/emulator-$latency.out")
  done
  # the emulator prints its (fake) demo keys and their scopes; DEMO_KEY (the personal prepaid one by default) is checked
  demo_line=$(grep " ${DEMO_KEY:-DEMO_PERS_PAID} " "$work/emulator-${latencies[0]}.out")
  export GIGACHAT_CREDENTIALS; GIGACHAT_CREDENTIALS=${demo_line##*key=}
  explicit_scope=$(sed -n 's/.*scope=\([A-Z_]*\).*/\1/p' <<< "$demo_line")
  declare -A wall=() checks=()
  for run in $(seq 0 "$runs"); do # run 0 warms the file system cache and the emulators
    for latency in "${latencies[@]}"; do
      auth=${auth_of[$latency]}; base=${base_of[$latency]}
      for name in "${names[@]}"; do
        scope=$explicit_scope; [ "$name" = Q1 ] && scope=auto
        result=$(time_build "$name" "$scope")
        [ "$run" = 0 ] && continue
        read -r ms check_ms <<< "$result"
        wall[$latency,$name]="${wall[$latency,$name]:-} $ms"; checks[$latency,$name]="${checks[$latency,$name]:-} $check_ms"
      done
    done
  done
  for latency in "${latencies[@]}"; do
    declare -A m=()
    printf '%-6s %-7s' "$scheme" "${latency}ms"
    for name in "${names[@]}"; do m[$name]=$(echo "${wall[$latency,$name]}" | median_of); printf ' %6s' "${m[$name]}"; done
    for kind in B1 Q1; do
      check[$scheme,$latency,$kind,median]=$(echo "${checks[$latency,$kind]:-}" | median_of)
      check[$scheme,$latency,$kind,min]=$(echo "${checks[$latency,$kind]:-}" | min_of)
    done
    printf ' %6s %6s %6s %6s  %s/%s, %s/%s\n' "$(diff_of "${m[B1]:-}" "${m[A1]:-}")" "$(diff_of "${m[Q1]:-}" "${m[A1]:-}")" \
      "$(diff_of "${m[D1]:-}" "${m[C1]:-}")" "$(diff_of "${m[B5]:-}" "${m[A5]:-}")" \
      "${check[$scheme,$latency,B1,median]}" "${check[$scheme,$latency,B1,min]}" \
      "${check[$scheme,$latency,Q1,median]}" "${check[$scheme,$latency,Q1,min]}"
  done
  for latency in "${latencies[@]}"; do kill "${pid_of[$latency]}"; wait "${pid_of[$latency]}" 2>/dev/null || true; done
  emulator_pid=
done

echo
echo "Round trips of the check, (check ms at L - check ms at 0) / L, from the medians (and from the minimums):"
rt() { awk -v a="$1" -v b="$2" -v l="$3" 'BEGIN { if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/) printf "%.1f", (a - b) / l; else printf "-" }'; }
for scheme in "${schemes[@]}"; do
  for latency in "${latencies[@]}"; do
    [ "$latency" = 0 ] && continue
    line="  $scheme L=${latency}ms:"
    for kind in B1 Q1; do
      label="explicit scope"; [ "$kind" = Q1 ] && label="scope auto"
      line="$line  $label $(rt "${check[$scheme,$latency,$kind,median]:-}" "${check[$scheme,0,$kind,median]:-}" "$latency")"
      line="$line ($(rt "${check[$scheme,$latency,$kind,min]:-}" "${check[$scheme,0,$kind,min]:-}" "$latency"))"
    done
    echo "$line"
  done
done
echo
echo "Medians of $runs runs, wall-clock milliseconds of whole Maven builds (JVM start included); check: the plugin's own"
echo "durationMs (B1: explicit scope, Q1: scope auto). Machine load at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
