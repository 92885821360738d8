#!/usr/bin/env bash
# Benchmark of gigachat:embed against the emulator (a separate JVM) at 50 ms latency (LATENCY=ms to change it).
#
#   bench/embed-throughput.sh [chunks=10000] [large-chunks=50000]
#
# 1. Cold run: <chunks> chunks, batch 16, concurrency 8. The floor is ceil(chunks/16)/8 round trips of 50 ms
#    (3.9 s for 10,000); the target is embedding wall time (embeddingMs of embed-report.json) within 1.2x of it.
# 2. No-op rebuild: the same build again; target: under 1.5 s added to the Maven build, 0 requests.
# 3. Large run: <large-chunks> chunks of 1,024 dimensions with MAVEN_OPTS=-Xmx256m (latency 5 ms to keep it short).
# 4. Dry run over a documentation tree of DRY_RUN_MB megabytes (default 160) with MAVEN_OPTS=-Xmx128m: the texts are
#    larger than the heap, so it completes only if memory is bounded by the largest file, not by the corpus.
# The emulator's high-water mark of model calls in flight must never exceed the concurrency (8).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
chunks=${1:-10000}
large=${2:-50000}
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)

echo "Building and installing the plugin $version (tests skipped)..."
./mvnw -B -q install -DskipTests -Dinvoker.skip=true -Dspotless.check.skip=true >/dev/null
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
cp="target/classes:$(cat target/bench-classpath.txt)"
work=$(mktemp -d)
trap 'kill "${emulator_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

# A project of <n> chunks: files of 100 paragraphs, each a distinct sentence that fills one chunk of at most 40 tokens.
make_project() { # dir n with-plugin
  local dir=$1 n=$2 with=$3 build=""
  mkdir -p "$dir/src/main/resources/docs"
  python3 - "$dir/src/main/resources/docs" "$n" <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
for f in range((n + 99) // 100):
    with open(f"{out}/doc-{f:05d}.md", "w") as fh:
        for p in range(f * 100, min(n, f * 100 + 100)):
            fh.write(f"Paragraph {p} of the benchmark corpus says something unique about item {p * 7919 % 100003}.\n\n")
PY
  if [ "$with" = yes ]; then
    build='<build><plugins><plugin><groupId>io.github.gigachat</groupId><artifactId>gigachat-maven-plugin</artifactId><version>'"$version"'</version><configuration><maxChunkTokens>40</maxChunkTokens><batchSize>16</batchSize><concurrency>8</concurrency></configuration><executions><execution><goals><goal>embed</goal></goals></execution></executions></plugin></plugins></build>'
  fi
  printf '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>embed</artifactId><version>1</version><packaging>pom</packaging><properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>%s</project>\n' "$build" > "$dir/pom.xml"
}

start_emulator() { # latency-ms
  java -cp "$cp" io.github.gigachat.emulator.EmulatorMain 0 "$1" > "$work/emulator.out" &
  emulator_pid=$!
  # a loaded machine may take a while to start a JVM: wait up to 60 s, and stop if it never says where it listens
  for _ in $(seq 1 600); do grep -q 'base URL' "$work/emulator.out" 2>/dev/null && break; sleep 0.1; done
  grep -q 'base URL' "$work/emulator.out" || { echo "The emulator did not start:" >&2; cat "$work/emulator.out" >&2; exit 1; }
  auth=$(sed -n 's/.*auth URL: //p' "$work/emulator.out"); base=$(sed -n 's/.*base URL: //p' "$work/emulator.out")
  # the emulator prints its (fake) demo keys; the business prepaid one allows 10 streams
  export GIGACHAT_CREDENTIALS; GIGACHAT_CREDENTIALS=$(sed -n 's/.*DEMO_B2B_PAID .*key=//p' "$work/emulator.out")
}
stop_emulator() {
  kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true
  sed -n 's/^emulator stats: //p' "$work/emulator.out"
}
build() { # dir [extra args] -> prints wall milliseconds
  local start end
  start=$(date +%s%N)
  "$root/mvnw" -B -q -f "$1/pom.xml" process-resources -Dgigachat.authUrl="$auth" -Dgigachat.baseUrl="$base" "${@:2}" \
    > "$work/build.log" 2>&1 || { echo "The build of $1 failed:" >&2; tail -40 "$work/build.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
field() { sed -n "s/.*\"$2\" : \\([0-9]*\\).*/\\1/p" "$1/target/gigachat/embed-report.json"; }

make_project "$work/with" "$chunks" yes
make_project "$work/without" "$chunks" no

start_emulator "${LATENCY:-50}"
cold=$(build "$work/with")
embedded=$(field "$work/with" newChunks); requests=$(field "$work/with" requests); embedding_ms=$(field "$work/with" embeddingMs)
floor_ms=$(( ( (embedded + 15) / 16 + 7 ) / 8 * ${LATENCY:-50} ))
noop=(); base_runs=()
for _ in 1 2 3 4 5; do noop+=("$(build "$work/with")"); base_runs+=("$(build "$work/without")"); done
noop_requests=$(field "$work/with" requests)
stats=$(stop_emulator)
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
noop_median=$(median "${noop[@]}"); base_median=$(median "${base_runs[@]}")

echo
echo "Cold run: $embedded chunks in $requests requests; embedding ${embedding_ms} ms against a floor of ${floor_ms} ms" \
  "($(awk "BEGIN {printf \"%.2f\", $embedding_ms / $floor_ms}")x); whole build ${cold} ms"
echo "No-op rebuild: median ${noop_median} ms against ${base_median} ms without the plugin" \
  "(+$(( noop_median - base_median )) ms), requests in the last one: ${noop_requests}"
echo "Emulator: $stats"

make_project "$work/large" "$large" yes
start_emulator 5
large_ms=$(MAVEN_OPTS=-Xmx256m build "$work/large")
echo "Large run under -Xmx256m: $(field "$work/large" newChunks) chunks of $(field "$work/large" dimensions) dimensions" \
  "in ${large_ms} ms ($(field "$work/large" requests) requests)"
echo "Emulator: $(stop_emulator)"

# A documentation tree of about DRY_RUN_MB megabytes: pages of 100 KB, long paragraphs in English and Russian.
dry_mb=${DRY_RUN_MB:-160}
mkdir -p "$work/dry/src/main/resources/docs"
python3 - "$work/dry/src/main/resources/docs" "$dry_mb" <<'PY'
import random, sys
out, megabytes = sys.argv[1], int(sys.argv[2])
words = ("the build embeds every chunk of documentation once and keeps the vectors in a cache so that nothing is paid "
         "twice сборка вычисляет векторы документации один раз и хранит их в кэше").split()
rng = random.Random(42)
written, page = 0, 0
while written < megabytes << 20:
    text = []
    size = 0
    while size < 100 << 10:
        paragraph = " ".join(rng.choice(words) for _ in range(rng.randint(20, 200))) + ".\n\n"
        if rng.random() < 0.1:
            paragraph = "## Section " + str(size) + "\n\n" + paragraph
        text.append(paragraph)
        size += len(paragraph.encode())
    with open(f"{out}/page-{page:05d}.md", "w") as fh:
        fh.write("".join(text))
    written += size
    page += 1
PY
make_project "$work/dry" 0 yes
sed -i 's:<maxChunkTokens>40</maxChunkTokens>::' "$work/dry/pom.xml" # the default chunks, 512 tokens
dry_ms=$(MAVEN_OPTS=-Xmx128m build "$work/dry" -Dgigachat.embed.dryRun=true)
echo "Dry run under -Xmx128m: $(du -sm "$work/dry/src/main/resources/docs" | cut -f1) MB in $(field "$work/dry" files) files," \
  "$(field "$work/dry" chunks) chunks, in ${dry_ms} ms"
