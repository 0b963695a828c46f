#!/bin/sh
# Peak memory and wall time of `score` on a million rows with unequal question weights
# (issue 13, item 12): 1,000,000 rows x 40 questions (5 domains of 8), grouped by a `team`
# column of 50 and of 1,000 values. The files go under /tmp/itsm-memory (about 90 MB each).
#
#   cargo build --release --locked --bin itsm-assess
#   sh benches/memory.sh [path/to/itsm-assess]
#
# Prints, for each run, GNU time's peak resident set size and elapsed time.
# Measured on a shared 2-core machine (2026-12-02): before binning, 50 teams took 834 MB and
# 1:41 (a 226 MB JSON), 1,000 teams 895 MB and 7:10 (a 235 MB JSON); after, 50 teams 35 MB and 3.1 s,
# 1,000 teams 48 MB and 4.2 s.
set -eu
BIN=${1:-target/release/itsm-assess}
DIR=/tmp/itsm-memory
ROWS=${ROWS:-1000000}
mkdir -p "$DIR"

# Weights of no common pattern, so that nearly every answer pattern is a distinct score.
awk 'BEGIN {
  split("1.130713 0.872941 1.290377 2.076113 0.712779 1.510163 0.932317 1.774129", w, " ")
  print "id: memory\ntitle: Memory\nversion: \"1\"\nscale: {min: 1, max: 5}\ndomains:"
  for (d = 0; d < 5; d++) {
    printf "  - id: d%d\n    name: Domain %d\n    questions:\n", d, d
    for (i = 0; i < 8; i++)
      printf "      - {id: q%d%d, text: Statement %d.%d, weight: %s}\n", d, i, d, i, w[i + 1]
  }
}' > "$DIR/questionnaire.yaml"

for TEAMS in 50 1000; do
  FILE="$DIR/rows-$TEAMS.csv"
  if [ ! -s "$FILE" ]; then
    awk -v rows="$ROWS" -v teams="$TEAMS" 'BEGIN {
      srand(13)
      printf "team"
      for (d = 0; d < 5; d++) for (i = 0; i < 8; i++) printf ",q%d%d", d, i
      printf "\n"
      for (r = 0; r < rows; r++) {
        printf "t%d", int(rand() * teams)
        for (q = 0; q < 40; q++) printf ",%d", 1 + int(rand() * 5)
        printf "\n"
      }
    }' > "$FILE"
  fi
  echo "== $ROWS rows, $TEAMS teams"
  /usr/bin/time -v "$BIN" score -q "$DIR/questionnaire.yaml" -g team -f json "$FILE" \
    2> "$DIR/time-$TEAMS.txt" > "$DIR/out-$TEAMS.json" || { cat "$DIR/time-$TEAMS.txt"; exit 1; }
  grep -E 'Maximum resident set size|Elapsed \(wall clock\)' "$DIR/time-$TEAMS.txt"
  echo "JSON: $(wc -c < "$DIR/out-$TEAMS.json") bytes"
done
