#!/usr/bin/env bash
# The ratio of `score` to the floor (a bare csv ByteRecord pass) on generated surveys of
# 1,000,000 and 5,000,000 respondents x 40 questions with a role column: the median of 5 runs
# of each of the floor, `score -g role -f json` on one thread and on two threads
# (ITSM_ASSESS_THREADS), with the peak memory `/usr/bin/time -v` reports; the three are run in
# turn, run by run. Builds the release binary and the floor once.
#
#   benches/ratio.sh [WORK_DIR]    (default: a temporary folder, removed at the end; the
#                                  surveys of an earlier run in WORK_DIR are used again)
#   RUNS=9 benches/ratio.sh ...    (more runs than 5)
#
# On a shared machine, run it when the machine is quiet: the figures are wall-clock times.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-}
if [[ -z "$work" ]]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
runs=${RUNS:-5}

cargo build --release --locked --quiet --bin itsm-assess --example csv_floor
bin=target/release/itsm-assess
floor=target/release/examples/csv_floor

# The questionnaire of benches/scoring.rs: 5 domains of 8 questions, every third weighted 2,
# every fourth reversed; and the surveys, written as benches/scoring.rs writes them (5%
# missing, 2% N/A, else 1 to 5; roles IT, Business, Leadership), with a fixed seed.
# (Kept from an earlier run in the same WORK_DIR.)
[[ -s "$work/survey-5m.csv" && -s "$work/bench.yaml" ]] || python3 - "$work" <<'PY'
import random, sys
work = sys.argv[1]
with open(f"{work}/bench.yaml", "w") as f:
    f.write("id: bench\ntitle: Bench\nscale: {min: 1, max: 5}\ndomains:\n")
    for d in range(5):
        f.write(f"  - id: d{d}\n    name: Domain {d}\n    questions:\n")
        for i in range(8):
            w = 2.0 if i % 3 == 0 else 1.0
            r = "true" if i % 4 == 3 else "false"
            f.write(f"      - {{id: q{d}{i}, text: Statement {d}.{i}, weight: {w}, reverse: {r}}}\n")
rng = random.Random(7)
roles = ["IT", "Business", "Leadership"]
pool = ["", "N/A", "1", "2", "3", "4", "5"]
weights = [5, 2, 18.6, 18.6, 18.6, 18.6, 18.6]
header = "role," + ",".join(f"q{d}{i}" for d in range(5) for i in range(8)) + "\n"
with open(f"{work}/survey-1m.csv", "w") as f:
    f.write(header)
    for _ in range(10):
        cells = rng.choices(pool, weights, k=40 * 100_000)
        lines = [
            rng.choice(roles) + "," + ",".join(cells[r * 40:(r + 1) * 40])
            for r in range(100_000)
        ]
        f.write("\n".join(lines) + "\n")
with open(f"{work}/survey-5m.csv", "w") as one, open(f"{work}/survey-1m.csv") as src:
    body = src.read().split("\n", 1)[1]
    one.write(header)
    for _ in range(5):
        one.write(body)
PY

# run_one SIZE WHAT: run the floor (WHAT=0) or `score` on WHAT threads once, on the survey of
# SIZE, adding its wall time and peak RSS to $work/WHAT.times and $work/WHAT.rss.
run_one() {
    local file="$work/survey-$1.csv" what=$2
    case $what in
        0) set -- "$floor" "$file" ;;
        *) set -- env ITSM_ASSESS_THREADS="$2" "$bin" score -q "$work/bench.yaml" -g role -f json "$file" ;;
    esac
    /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null
    awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt" >> "$work/$what.times"
    awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt" >> "$work/$what.rss"
}

# median FILE: the median of the numbers in FILE.
median() {
    sort -g "$1" | sed -n "$((($(wc -l < "$1") + 1) / 2))p"
}

echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
labels=("floor (ByteRecord pass)" "score, 1 thread(s)" "score, 2 thread(s)")
for size in 1m 5m; do
    echo "--- $size respondents x 40 ($(du -h "$work/survey-$size.csv" | cut -f1))"
    rm -f "$work"/[012].times "$work"/[012].rss
    # Run by run, the floor and both thread counts in turn: a noisy stretch of a shared
    # machine slows all three alike, and does not skew the ratios.
    for _ in $(seq "$runs"); do
        for what in 0 1 2; do
            run_one "$size" "$what"
        done
    done
    f=$(median "$work/0.times")
    for what in 0 1 2; do
        t=$(median "$work/$what.times")
        printf '%-28s %8.2f s %8d KiB   (runs: %s)\n' "${labels[$what]}" "$t" \
            "$(median "$work/$what.rss")" "$(tr '\n' ' ' < "$work/$what.times")"
        if [[ $what != 0 ]]; then
            awk -v s="$t" -v f="$f" 'BEGIN {printf "%-28s %8.2f x the floor\n", "", s / f}'
        fi
    done
done
