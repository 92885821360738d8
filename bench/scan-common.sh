# Shared by bench/scan-*.sh (sourced, not run): builds the plugin with tests skipped into a bench-local repository and
# runs gigachat:scan with the names of CONTRACT.md. Expects set -euo pipefail and the current directory at the root.
shopt -s inherit_errexit # a failure inside $(...) stops the benchmark too
root=$(pwd)
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
cp_test="target/test-classes:target/classes"

# The timed builds use a local repository of their own, filled from the user's one as a file:// remote: a snapshot
# another checkout installs into ~/.m2 meanwhile cannot replace the one measured here.
user_repo=${MAVEN_USER_REPO:-$HOME/.m2/repository}
bench_repo=$root/target/bench-repo
bench_settings=$root/target/bench-settings.xml

build_plugin() {
  echo "Building the plugin $version (tests compiled, not run) and installing it into $bench_repo..."
  ./mvnw -B -q package -DskipTests -Dinvoker.skip=true -Dspotless.check.skip=true >/dev/null
  ./mvnw -B -q install:install-file -Dfile="target/gigachat-maven-plugin-$version.jar" -DpomFile=pom.xml \
    -DlocalRepositoryPath="$bench_repo" >/dev/null
  local repo_xml="<repository><id>user-repo</id><url>file://$user_repo</url></repository>"
  printf '<settings><profiles><profile><id>bench</id><activation><activeByDefault>true</activeByDefault></activation><repositories>%s</repositories><pluginRepositories>%s</pluginRepositories></profile></profiles></settings>\n' \
    "$repo_xml" "${repo_xml//repository>/pluginRepository>}" > "$bench_settings"
}

# Whether the built plugin has the goal (it is being written meanwhile: without it only the rest is measured).
has_scan_goal() { grep -q '<goal>scan</goal>' target/classes/META-INF/maven/plugin.xml; }

# A pom-only project that runs nothing by itself: the scans run as goals from it, its target/ stays out of the tree.
make_runner_project() { # dir
  mkdir -p "$1"
  printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>scan-runner</artifactId><version>1</version><packaging>pom</packaging></project>\n' \
    > "$1/pom.xml"
}

# Runs gigachat:scan from the project over a directory; prints the wall milliseconds. Extra -D arguments follow.
run_scan() { # project-dir log-file [-Dgigachat.scan.*=...]
  local project=$1 log=$2 start end
  shift 2
  rm -f "$project/target/gigachat/scan-report.json"
  start=$(date +%s%N)
  if ! "$root/mvnw" -B -q -s "$bench_settings" -Dmaven.repo.local="$bench_repo" -f "$project/pom.xml" \
      "io.github.gigachat:gigachat-maven-plugin:$version:scan" "$@" > "$log" 2>&1; then
    echo "The scan failed (see $log):" >&2; tail -40 "$log" >&2; exit 1
  fi
  end=$(date +%s%N)
  [ -f "$project/target/gigachat/scan-report.json" ] || { echo "The scan wrote no scan-report.json" >&2; exit 1; }
  echo $(( (end - start) / 1000000 ))
}

# A number field of the scan report (schemaVersion 1), e.g. durationMillis, bytesScanned, filesScanned; "-" if absent.
report_field() { # report field
  grep -o "\"$2\"[^0-9]*[0-9]*" "$1" | head -1 | grep -o '[0-9]*$' || echo -
}
# How many findings (distinct keys) and locations ("line" fields) the report holds, and their statuses:
# "4 findings at 12 places (DEMO x4)".
report_findings() { # report
  local findings places statuses
  findings=$(grep -o '"fingerprint"' "$1" | wc -l || true)
  places=$(grep -o '"line"' "$1" | wc -l || true)
  statuses=$(grep -o '"status"[^"]*"[A-Z]*"' "$1" | tr -d '"' \
    | awk -F'[ :]+' '{n[$NF]++} END {for (s in n) printf "%s%s x%d", (k++ ? ", " : ""), s, n[s]}' || true)
  echo "$findings findings at $places places (${statuses:-none})"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
median_of() { tr ' ' '\n' | grep '[0-9]' | median; }
# a / b with two decimals, "-" when either is not a positive number
ratio() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }
mib_per_s() { # bytes milliseconds
  awk -v b="${1:-}" -v ms="${2:-}" 'BEGIN { if (b + 0 > 0 && ms + 0 > 0) printf "%.1f", b / 1048576 / (ms / 1000); else printf "-" }'
}
seconds() { awk -v ms="${1:-}" 'BEGIN { if (ms ~ /^[0-9]+$/) printf "%.2f", ms / 1000; else printf "-" }'; }
