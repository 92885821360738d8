#!/usr/bin/env bash
# Benchmark: gigachat:scan against secretlint (the npm secret scanner, with its recommended rules) on one working tree
# of realistic repository text, side by side in one run.
#
#   bench/scan-throughput.sh [runs=5]
#   FILES=50000 BYTES=209715200 SEED=1 bench/scan-throughput.sh 5      the defaults: 50,000 files, 200 MiB
#
# 1. Builds the plugin with tests skipped into a bench-local repository (bench/scan-common.sh), and installs with npm
#    into target/bench-secretlint/: secretlint and @secretlint/secretlint-rule-preset-recommend $SECRETLINT_VERSION,
#    and the npm package node $NODE_VERSION, whose Node 22 runs them (secretlint 12.1 and later need Node 22; this
#    machine has Node 20). Releases before 13.0.6 are no fair measure: their profiler runs even without --profile and
#    costs time quadratic in the number of files (secretlint issue 1653; 2,000 of these files took 36 s with 12.0.0,
#    1.1 s with 13.0.6). The .secretlintrc.json there enables the recommended preset and nothing else.
# 2. Writes target/bench-scan/tree/ (kept while FILES, BYTES, SEED and the generator's sources are unchanged) with
#    io.github.gigachat.scan.bench.ScanTreeMain: FILES seeded files of Java, XML, properties, YAML, JSON, Markdown and
#    .env text totalling BYTES bytes, with decoys (UUIDs, Base64 blobs, hashes, JWT-like tokens, Base64 of text that is
#    not UUID:secret; the words secret and clientId in one file of twenty; about 15 % of the bytes are long Base64 or
#    hex runs that a prefilter must look at) and 12 planted keys of the emulator's 4 public demo accounts in 12
#    encodings (DEMO: found without a network request), committed with git (plus a .gitignore) so that the plugin walks
#    git's index as on a real project. Before that commit the KeyDetector reads every file on one thread and the
#    benchmark stops unless it finds exactly the planted keys (it prints how fast it read).
# 3. Per run, interleaved (the order alternates each run, so that drift of a shared machine hits both alike):
#    secretlint "**/*" in the tree (TAP output, which lists every file it read), and the plugin as a goal from a
#    pom-only project next to the tree (so that its target/ stays out of the tree):
#      mvn -B -q io.github.gigachat:gigachat-maven-plugin:<version>:scan -Dgigachat.scan.directory=<tree>
#          -Dgigachat.scan.verify=false -Dgigachat.scan.failOn=ACTIVE
#    timing the whole process (JVM start included) and reading the plugin's own durationMillis, bytesScanned and
#    filesScanned from <project>/target/gigachat/scan-report.json. One plugin run before them warms Maven's repository.
# Prints the medians: secretlint s, plugin wall s, plugin scan s, MiB/s of each, secretlint / plugin (wall and scan),
# and the findings of the plugin's report against the planted ones.
# Targets (issue 7): the plugin at least 10x faster than secretlint, and the scan at >= 100 MB/s on 2 cores. Maven alone
# takes 2-3 s to start here (build A of bench/scan-overhead.sh), which is already more than a tenth of secretlint's
# time on the default tree: the scan-time ratio is printed beside the wall-time one.
# Without the scan goal in the built plugin (it is being written) only secretlint is measured, and the exit status is 2.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
files=${FILES:-50000}
bytes=${BYTES:-209715200}
seed=${SEED:-1}
SECRETLINT_VERSION=${SECRETLINT_VERSION:-13.0.6}
NODE_VERSION=${NODE_VERSION:-22.23.3}
# shellcheck source=bench/scan-common.sh
. bench/scan-common.sh

build_plugin
goal=yes; has_scan_goal || goal=no

secretlint_dir=$root/target/bench-secretlint
node=$secretlint_dir/node_modules/.bin/node
secretlint=$secretlint_dir/node_modules/secretlint/bin/secretlint.js
installed="$("$node" --version 2>/dev/null || true) $("$node" "$secretlint" --version 2>/dev/null || true)"
if [ "$installed" != "v$NODE_VERSION $SECRETLINT_VERSION" ]; then
  echo "Installing secretlint $SECRETLINT_VERSION and Node $NODE_VERSION into $secretlint_dir with npm..."
  rm -rf "$secretlint_dir"; mkdir -p "$secretlint_dir"
  echo '{"private": true}' > "$secretlint_dir/package.json"
  (cd "$secretlint_dir" && npm install --no-audit --no-fund --save-exact --loglevel=error "node@$NODE_VERSION" \
    "secretlint@$SECRETLINT_VERSION" "@secretlint/secretlint-rule-preset-recommend@$SECRETLINT_VERSION" >/dev/null)
fi
printf '{\n  "rules": [\n    { "id": "@secretlint/secretlint-rule-preset-recommend" }\n  ]\n}\n' \
  > "$secretlint_dir/.secretlintrc.json"

work=$root/target/bench-scan
tree=$work/tree
project=$work/project
stamp="$files $bytes $seed $(cat src/test/java/io/github/gigachat/scan/bench/*.java | sha256sum | cut -c1-16)"
if [ "$(cat "$work/tree.stamp" 2>/dev/null || true)" = "$stamp" ]; then
  echo "Reusing the tree in $tree ($(cut -d' ' -f1-3 "$work/tree.stamp"))"
else
  rm -rf "$tree" "$work/tree.stamp"
  echo "Writing $files files of $bytes bytes in total into $tree (seed $seed)..."
  java -cp "$cp_test" io.github.gigachat.scan.bench.ScanTreeMain "$tree" "$files" "$bytes" "$seed" --check --git
  echo "$stamp" > "$work/tree.stamp"
fi
tree_files=$(git -C "$tree" ls-files | wc -l)
tree_bytes=$(git -C "$tree" ls-files -z | (cd "$tree" && xargs -0 stat -c %s) | awk '{s += $1} END {print s}')
echo "The tree: $tree_files files in git, $tree_bytes bytes"
make_runner_project "$project"
[ "$goal" = yes ] || echo "The built plugin has no scan goal yet: measuring secretlint only."

time_secretlint() { # -> "wall-ms files-read files-with-findings"
  local start end out=$work/secretlint.tap status=0
  start=$(date +%s%N)
  # with --output, findings do not change the exit status; 2 is a fatal error
  (cd "$tree" && PATH="$secretlint_dir/node_modules/.bin:$PATH" "$node" "$secretlint" \
    --secretlintrc "$secretlint_dir/.secretlintrc.json" --format tap --output "$out" "**/*") \
    > "$work/secretlint.log" 2>&1 || status=$?
  end=$(date +%s%N)
  if [ "$status" != 0 ]; then echo "secretlint failed ($status):" >&2; tail -20 "$work/secretlint.log" >&2; exit 1; fi
  echo "$(( (end - start) / 1000000 )) $(grep -c '^\(not \)\{0,1\}ok ' "$out") $(grep -c '^not ok ' "$out" || true)"
}
time_plugin() { # -> "wall-ms scan-ms bytes files"
  local ms report=$project/target/gigachat/scan-report.json
  ms=$(run_scan "$project" "$work/plugin.log" -Dgigachat.scan.directory="$tree" -Dgigachat.scan.verify=false \
    -Dgigachat.scan.failOn=ACTIVE)
  echo "$ms $(report_field "$report" durationMillis) $(report_field "$report" bytesScanned) $(report_field "$report" filesScanned)"
}

if [ "$goal" = yes ]; then result=$(time_plugin); fi # fills the bench repository with the plugin's dependencies
sl_ms=(); wall_ms=(); scan_ms=(); scan_bytes=(); scan_files=()
for run in $(seq 1 "$runs"); do
  order="secretlint plugin"; [ $((run % 2)) = 0 ] && order="plugin secretlint"
  line="run $run:"
  for tool in $order; do
    if [ "$tool" = secretlint ]; then
      result=$(time_secretlint)
      read -r ms read_files flagged <<< "$result"
      sl_ms+=("$ms")
      line="$line secretlint $(seconds "$ms") s ($read_files files read, $flagged flagged);"
    elif [ "$goal" = yes ]; then
      result=$(time_plugin)
      read -r ms own b f <<< "$result"
      wall_ms+=("$ms"); scan_ms+=("$own"); scan_bytes+=("$b"); scan_files+=("$f")
      line="$line plugin $(seconds "$ms") s wall, $(seconds "$own") s scan ($f files, $b bytes);"
    fi
  done
  echo "$line"
done

echo
sl=$(echo "${sl_ms[*]}" | median_of)
printf 'secretlint %s:  %s s   %s MiB/s   (%s files in the tree, %s bytes)\n' "$SECRETLINT_VERSION" \
  "$(seconds "$sl")" "$(mib_per_s "$tree_bytes" "$sl")" "$tree_files" "$tree_bytes"
if [ "$goal" = yes ]; then
  wall=$(echo "${wall_ms[*]}" | median_of); own=$(echo "${scan_ms[*]}" | median_of)
  scanned=$(echo "${scan_bytes[*]}" | median_of)
  printf 'plugin wall:    %s s   %s MiB/s\n' "$(seconds "$wall")" "$(mib_per_s "$tree_bytes" "$wall")"
  printf 'plugin scan:    %s s   %s MiB/s   (%s files, %s bytes scanned)\n' "$(seconds "$own")" \
    "$(mib_per_s "$scanned" "$own")" "$(echo "${scan_files[*]}" | median_of)" "$scanned"
  printf 'secretlint / plugin: %sx (wall), %sx (scan)   targets: >= 10x, >= 100 MB/s\n' "$(ratio "$sl" "$wall")" \
    "$(ratio "$sl" "$own")"
  echo "plugin report: $(report_findings "$project/target/gigachat/scan-report.json"); planted: 4 keys at 12 places"
fi
echo "Medians of $runs runs, $(nproc) cores. Machine load at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
[ "$goal" = yes ] || { echo "SKIPPED: the plugin part (no scan goal in gigachat-maven-plugin $version yet)."; exit 2; }
