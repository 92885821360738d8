#!/usr/bin/env bash
# Benchmark: gigachat:scan with the git history, on a synthetic repository of a few thousand commits.
#
#   bench/scan-history.sh [commits=3000] [runs=5]
#   FILES=2000 BYTES=8388608 SEED=1 bench/scan-history.sh 3000 5      the defaults
#
# 1. Builds the plugin with tests skipped into a bench-local repository (bench/scan-common.sh).
# 2. Writes target/bench-history/repo/ with git fast-import from the stream of io.github.gigachat.scan.bench
#    .ScanHistoryMain (seeded, fixed dates, so the same arguments give the same commit ids): a first commit of FILES
#    files of realistic text (BYTES bytes), then commits that each change a few lines of one to four files (now and then
#    adding or deleting a file); 5 keys of the emulator's demo accounts (4 distinct) are added by one commit and removed
#    by a later one, the last in a file of its own that is deleted. It checks that HEAD has <commits> commits, and checks
#    out the last tree.
# 3. Per run, interleaved: the scan of the working tree alone, and the scan with the history, each as a goal from a
#    pom-only project next to the repository:
#      mvn -B -q io.github.gigachat:gigachat-maven-plugin:<version>:scan -Dgigachat.scan.directory=<repo>
#          -Dgigachat.scan.verify=false -Dgigachat.scan.failOn=ACTIVE [-Dgigachat.scan.history=true]
#    timing the whole process and reading durationMillis, filesScanned (files and blobs) and bytesScanned from
#    <project>/target/gigachat/scan-report.json. One run of each before them warms Maven's repository.
# Prints the medians: wall and scan seconds, blobs and bytes scanned, MiB/s, and the findings of the history scan
# (the 4 demo keys, with the commits that added them). Target (issue 7): the history of a repository of a few thousand
# commits in seconds, not minutes.
# Without the scan goal in the built plugin (it is being written) it stops after writing the repository, status 2.
set -euo pipefail
cd "$(dirname "$0")/.."
commits=${1:-3000}
runs=${2:-5}
files=${FILES:-2000}
bytes=${BYTES:-8388608}
seed=${SEED:-1}
# shellcheck source=bench/scan-common.sh
. bench/scan-common.sh

build_plugin
work=$root/target/bench-history
repo=$work/repo
project=$work/project
rm -rf "$repo"
mkdir -p "$repo"
git -C "$repo" init -q -b main
start=$(date +%s%N)
java -cp "$cp_test" io.github.gigachat.scan.bench.ScanHistoryMain "$commits" "$files" "$bytes" "$seed" \
  | git -C "$repo" fast-import --quiet
git -C "$repo" reset -q --hard main
end=$(date +%s%N)
count=$(git -C "$repo" rev-list --count HEAD)
[ "$count" = "$commits" ] || { echo "The repository has $count commits, not $commits" >&2; exit 1; }
echo "Wrote $repo in $(( (end - start) / 1000000 )) ms: $count commits, $(git -C "$repo" ls-files | wc -l) files at" \
  "HEAD, $(du -sm "$repo/.git" | cut -f1) MB of .git"
make_runner_project "$project"
if ! has_scan_goal; then
  echo "SKIPPED: the scans (no scan goal in gigachat-maven-plugin $version yet)."
  exit 2
fi

time_scan() { # history(true|false) -> "wall-ms scan-ms files bytes"
  local ms report=$project/target/gigachat/scan-report.json
  ms=$(run_scan "$project" "$work/plugin.log" -Dgigachat.scan.directory="$repo" -Dgigachat.scan.verify=false \
    -Dgigachat.scan.failOn=ACTIVE -Dgigachat.scan.history="$1")
  [ "$(report_field "$report" filesScanned)" -gt 0 ] || { echo "The scan read no file (see $report)" >&2; exit 1; }
  cp "$report" "$work/report-history-$1.json"
  echo "$ms $(report_field "$report" durationMillis) $(report_field "$report" filesScanned) $(report_field "$report" bytesScanned)"
}

result=$(time_scan false); result=$(time_scan true) # fill the bench repository with the plugin's dependencies
declare -A wall=() own=() scanned_files=() scanned_bytes=()
for run in $(seq 1 "$runs"); do
  order="false true"; [ $((run % 2)) = 0 ] && order="true false"
  line="run $run:"
  for history in $order; do
    result=$(time_scan "$history")
    read -r ms scan_ms f b <<< "$result"
    wall[$history]="${wall[$history]:-} $ms"; own[$history]="${own[$history]:-} $scan_ms"
    scanned_files[$history]="${scanned_files[$history]:-} $f"; scanned_bytes[$history]="${scanned_bytes[$history]:-} $b"
    label="tree"; [ "$history" = true ] && label="history"
    line="$line $label $(seconds "$ms") s wall, $(seconds "$scan_ms") s scan ($f files/blobs, $b bytes);"
  done
  echo "$line"
done

echo
printf '%-8s %8s %8s %14s %14s %8s\n' scan "wall s" "scan s" "files/blobs" bytes "MiB/s"
for history in false true; do
  label="tree"; [ "$history" = true ] && label="history"
  w=$(echo "${wall[$history]}" | median_of); s=$(echo "${own[$history]}" | median_of)
  b=$(echo "${scanned_bytes[$history]}" | median_of)
  printf '%-8s %8s %8s %14s %14s %8s\n' "$label" "$(seconds "$w")" "$(seconds "$s")" \
    "$(echo "${scanned_files[$history]}" | median_of)" "$b" "$(mib_per_s "$b" "$s")"
done
report=$work/report-history-true.json
echo "history report: $(report_findings "$report"); commits named: $( (grep -o '"commit"[^"]*"[0-9a-f]*"' "$report" || true) | sort -u | wc -l)"
echo "planted: 4 distinct demo keys in 5 commits ($(git -C "$repo" log --format=%h --grep='Configure the GigaChat client' | tr '\n' ' '))"
echo "Medians of $runs runs, $(nproc) cores. Machine load at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
