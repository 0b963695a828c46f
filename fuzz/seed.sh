#!/bin/sh
# Build the fuzz corpora (DIR/TARGET; DIR is fuzz/corpus unless given, not in git) from the
# repository's fixtures, sample data and questionnaires, plus the committed seeds under
# fuzz/seeds/TARGET. Run from anywhere; safe to run again (existing corpus files are kept).
# Usage: fuzz/seed.sh [DIR]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="${1:-$root/fuzz/corpus}"
mkdir -p "$corpus/questionnaire" "$corpus/responses" "$corpus/labels" "$corpus/xlsx"

# Questionnaires: every YAML file the repository holds.
for f in "$root"/questionnaires/*.yaml "$root"/tests/fixtures/questionnaires/*.yaml \
         "$root"/tests/fixtures/questionnaires/invalid/*.yaml "$root"/tests/fixtures/responses/*.yaml \
         "$root"/tests/fixtures/roadmap/*.yaml; do
    [ -f "$f" ] && cp "$f" "$corpus/questionnaire/$(basename "$(dirname "$f")")-$(basename "$f")"
done

# Responses: the first byte is the options byte (0: detect everything); every response file
# and export, and each export again with its layout forced (the format's number, 1..7).
n=0
for f in "$root"/sample-data/*.csv "$root"/sample-data/exports/* "$root"/tests/fixtures/exports/* \
         "$root"/tests/fixtures/responses/*.csv "$root"/tests/fixtures/responses/bad/* \
         "$root"/tests/fixtures/bad/*; do
    [ -f "$f" ] || continue
    case "$f" in *.yaml) continue ;; esac
    n=$((n + 1))
    { printf '\000'; head -c 65536 "$f"; } > "$corpus/responses/$n-$(basename "$f")"
    case "$(basename "$f")" in
        google-forms*) opt='\002' ;; microsoft-forms*) opt='\003' ;; surveymonkey*) opt='\004' ;;
        qualtrics-legacy*) opt='\006' ;; qualtrics*) opt='\005' ;; limesurvey*) opt='\007' ;;
        *) opt='\301' ;;   # plain table, inspect too, grouped by source and Role
    esac
    { printf "$opt"; head -c 65536 "$f"; } > "$corpus/responses/$n-forced-$(basename "$f")"
done

# Labels: a 1..5 scale with the shipped labels, then cells taken from the exports.
for f in "$root"/sample-data/exports/*.csv "$root"/tests/fixtures/responses/*.csv; do
    [ -f "$f" ] || continue
    { printf '\001\004'
      printf '=1 Strongly disagree\n=2 Disagree\n=3 Neither agree nor disagree\n=4 Agree\n=5 Strongly agree\n'
      printf "!Don't know\n>A1=1\n>A6=\n"
      head -c 4096 "$f" | tr ',;\t' '\n\n\n' | tr -d '"'
    } > "$corpus/labels/$(basename "$f")"
done

# Committed seeds (small hand-made inputs, and fixtures of what the fuzzers found).
for t in questionnaire responses labels xlsx; do
    [ -d "$root/fuzz/seeds/$t" ] && cp "$root/fuzz/seeds/$t"/* "$corpus/$t/" 2>/dev/null || true
done
for t in questionnaire responses labels xlsx; do
    echo "$t: $(ls "$corpus/$t" | wc -l) files in $corpus/$t"
done
