#!/usr/bin/env bash
# Benchmark: the time gigachat:scan adds to the build of a small project in which it finds nothing.
#
#   bench/scan-overhead.sh [runs=9]
#   KEEP=1 bench/scan-overhead.sh 9      keeps the three projects (in a mktemp directory) to look at afterwards
#
# Builds the plugin with tests skipped into a bench-local repository (bench/scan-common.sh), writes three copies of a
# small 1-module project (a pom, 6 Java sources, a properties file, a README, a .gitignore; no key) and times, with the
# project's Maven wrapper, `mvn -B -q validate` of:
#   A: the project without the plugin, in a git repository,
#   B: the same with gigachat:scan bound in the pom (an execution with the goal and no configuration: the default
#      phase validate and every default of CONTRACT.md, so it scans the project's directory the way git sees it, and
#      with nothing found makes no request),
#   C: B without git (the scan then reads every file but target/),
#   S: B with -Dgigachat.scan.skip=true: what Maven itself pays to resolve, load and configure the plugin (its class
#      realm, its descriptor) before the goal does anything; B-S is the scan's own share of B-A.
# Runs are interleaved, after one warm-up round; it prints the median wall time of each, the differences (the scan's
# cost: B-A is what users see), and the median of the plugin's own durationMillis and filesScanned from
# target/gigachat/scan-report.json. Target (issue 7): B-A under 300 ms.
# Without the scan goal in the built plugin (it is being written) only A is timed, and the exit status is 2.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
# shellcheck source=bench/scan-common.sh
. bench/scan-common.sh

build_plugin
goal=yes; has_scan_goal || goal=no
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

plugin_block='<build><plugins><plugin><groupId>io.github.gigachat</groupId><artifactId>gigachat-maven-plugin</artifactId>
<version>'"$version"'</version><executions><execution><goals><goal>scan</goal></goals></execution></executions>
</plugin></plugins></build>'

make_project() { # dir with-plugin with-git
  local dir=$1 build="" java=$1/src/main/java/com/example/shop name
  mkdir -p "$java" "$dir/src/main/resources"
  [ "$2" = yes ] && build=$plugin_block
  printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>shop</artifactId><version>1</version><properties><maven.compiler.release>17</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>%s</project>\n' \
    "$build" > "$dir/pom.xml"
  for name in Order Customer Invoice Payment Catalog Shipment; do
    cat > "$java/${name}Service.java" <<EOF
package com.example.shop;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the ${name,,}s of the shop in memory. */
public final class ${name}Service {
    private static final UUID NAMESPACE = UUID.fromString("3b241101-e2bb-4255-8caf-4136c566a962");
    private final Map<String, String> ${name,,}s = new ConcurrentHashMap<>();

    public Optional<String> find(String id) {
        return Optional.ofNullable(${name,,}s.get(id));
    }

    public String save(String value) {
        String id = UUID.nameUUIDFromBytes((NAMESPACE + value).getBytes()).toString();
        ${name,,}s.put(id, value);
        return id;
    }
}
EOF
  done
  cat > "$dir/src/main/resources/application.properties" <<'EOF'
shop.name=Bench shop
shop.currency=RUB
gigachat.scope=GIGACHAT_API_PERS
# the Authorization Key comes from the environment (GIGACHAT_CREDENTIALS), never from this file
gigachat.client-id=${GIGACHAT_CLIENT_ID}
gigachat.client-secret=${GIGACHAT_CLIENT_SECRET}
EOF
  printf '# Shop\n\nA small project whose build the scan benchmark times. Set `GIGACHAT_CREDENTIALS` to run it.\n' \
    > "$dir/README.md"
  printf 'target/\n' > "$dir/.gitignore"
  if [ "$3" = yes ]; then
    git -C "$dir" init -q -b main
    git -C "$dir" add -A
    git -C "$dir" -c user.name=Bench -c user.email=bench@example.invalid commit -q --no-gpg-sign -m "Small project"
  fi
}
make_project "$work/A" no yes
make_project "$work/B" yes yes
make_project "$work/C" yes no

names=(A); [ "$goal" = yes ] && names=(A B C S)
time_build() { # name -> "wall-ms scan-ms files" (scan-ms and files "-" without a report)
  local project=$1 extra=()
  [ "$1" = S ] && { project=B; extra=(-Dgigachat.scan.skip=true); }
  local dir=$work/$project report=$work/$project/target/gigachat/scan-report.json start end own=- files=-
  [ "$1" = S ] || rm -f "$report"
  start=$(date +%s%N)
  if ! "$root/mvnw" -B -q -s "$bench_settings" -Dmaven.repo.local="$bench_repo" -f "$dir/pom.xml" validate \
      "${extra[@]}" > "$work/build.log" 2>&1; then
    echo "The build of $1 failed:" >&2; tail -40 "$work/build.log" >&2; exit 1
  fi
  end=$(date +%s%N)
  if [ -f "$report" ]; then own=$(report_field "$report" durationMillis); files=$(report_field "$report" filesScanned); fi
  if [ "$1" != A ] && [ "$1" != S ] && [ ! -f "$report" ]; then echo "The build of $1 wrote no scan report" >&2; exit 1; fi
  echo "$(( (end - start) / 1000000 )) $own $files"
}

for name in "${names[@]}"; do result=$(time_build "$name"); done # warm-up round
declare -A wall=() own=() files=()
for run in $(seq 1 "$runs"); do
  for name in "${names[@]}"; do
    result=$(time_build "$name")
    read -r ms scan_ms count <<< "$result"
    wall[$name]="${wall[$name]:-} $ms"; own[$name]="${own[$name]:-} $scan_ms"; files[$name]="${files[$name]:-} $count"
  done
done

declare -A m=()
printf '\n%-34s %8s %10s %8s\n' build "wall ms" "scan ms" files
for name in "${names[@]}"; do
  m[$name]=$(echo "${wall[$name]}" | median_of)
  case $name in
    A) label="A: without the plugin" ;; B) label="B: with gigachat:scan, git" ;; C) label="C: with gigachat:scan, no git" ;;
    S) label="S: B with gigachat.scan.skip" ;;
  esac
  printf '%-34s %8s %10s %8s\n' "$label" "${m[$name]}" "$(echo "${own[$name]}" | median_of)" \
    "$(echo "${files[$name]}" | median_of)"
done
if [ "$goal" = yes ]; then
  echo "B-A: $(( m[B] - m[A] )) ms (target < 300 ms), C-A: $(( m[C] - m[A] )) ms; of B-A, Maven loading the plugin" \
    "(S-A) $(( m[S] - m[A] )) ms, the goal (B-S) $(( m[B] - m[S] )) ms;" \
    "B's report: $(report_findings "$work/B/target/gigachat/scan-report.json")"
fi
echo "Medians of $runs runs, $(nproc) cores. Machine load at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
[ "$goal" = yes ] || { echo "SKIPPED: B and C (no scan goal in gigachat-maven-plugin $version yet)."; exit 2; }
