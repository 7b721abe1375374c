#!/usr/bin/env bash
# The README's validation throughput table, in one run: writes the long traces (LongTraces.java,
# seed 1) and times `./barreleye traces check` on each, RUNS times (default 3), reporting the rate
# `traces check` gives itself (events over the seconds from opening the trace to the verdict, the
# spec's compilation included, the JVM's start not) and the CPU seconds of the whole process
# (user + system, JVM start, compiler and collector threads included), with medians and the load
# average. With TLA2TOOLS_JAR naming a tla2tools.jar it also exports each trace
# (`traces export-tla`), runs TLC on the export (a fresh JVM, as users run it) and prints TLC's
# CPU seconds, its verdict and the ratio TLC / Barreleye. TLC cannot be downloaded by the build.
#
# With BEFORE naming another checkout of Barreleye (its CLI built), every run times that checkout's
# launcher and then this one's, alternately, and prints both and the ratios (this / before).
#
#   bench/long-traces/measure.sh [OUT_DIR [SCALE]]     (SCALE 1000: the README's traces)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$(mktemp -d "${TMPDIR:-/tmp}/long-traces.XXXXXX")}"
scale="${2:-1000}"
runs="${RUNS:-3}"
before="${BEFORE:-}"
if [ -n "$before" ] && [ ! -x "$before/barreleye" ]; then
  echo "measure.sh: BEFORE=$before has no barreleye launcher" >&2
  exit 2
fi
"$root/barreleye" --version >/dev/null # builds the CLI jar when it is stale
java -cp "$root/cli/target/barreleye.jar" "$root/bench/long-traces/LongTraces.java" "$out" "$scale" >/dev/null

# "CPU_SECONDS EXIT_STATUS" of a command: user + system time (TLC exits 12 on a conforming export);
# the command's standard output goes to $TIMED_OUT when set
timed() {
  local status=0 tf
  tf="$(mktemp)"
  /usr/bin/time -o "$tf" -f '%U %S' "$@" >"${TIMED_OUT:-/dev/null}" 2>&1 || status=$?
  awk -v s="$status" '{print $1 + $2, s}' "$tf"
  rm -f "$tf"
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

for t in urpc-A urpc-B unmap churn; do
  f="$out/$t.ndjson"
  events=$(($(wc -l <"$f") - 1))
  verdict="$("$root/barreleye" traces check "$f" | tail -1)"
  case "$verdict" in *": conforms to "*) ;; *) echo "$t: does not conform: $verdict" >&2; exit 1 ;; esac
  said="$(mktemp)"
  # one side's figures: "RATE CPU" of one run of LAUNCHER on the trace
  one_run() {
    local cpu
    cpu="$(TIMED_OUT="$said" timed "$1" traces check "$f" | cut -d' ' -f1)"
    grep -q ': conforms to ' "$said" || { echo "$t: $1 says: $(tail -1 "$said")" >&2; exit 1; }
    echo "$(grep -o '[0-9]* events/s' "$said" | cut -d' ' -f1) $cpu"
  }
  times=(); rates=(); btimes=(); brates=()
  for _ in $(seq "$runs"); do
    if [ -n "$before" ]; then
      read -r r c < <(one_run "$before/barreleye")
      brates+=("$r"); btimes+=("$c")
    fi
    read -r r c < <(one_run "$root/barreleye")
    rates+=("$r"); times+=("$c")
  done
  rm -f "$said"
  report() { # LABEL "RATES" "TIMES": one side's line
    local m
    m="$(printf '%s\n' $3 | median)"
    printf '  %s: traces check says %s events/s, median %s; CPU s %s, median %s, %d events per CPU s\n' "$1" "$2" \
      "$(printf '%s\n' $2 | median)" "$3" "$m" "$(awk -v e="$events" -v c="$m" 'BEGIN {printf "%d", e / c}')"
  }
  median="$(printf '%s\n' "${times[@]}" | median)"
  printf '%s: %d events, load %s\n' "$t" "$events" "$(cut -d' ' -f1 /proc/loadavg)"
  [ -n "$before" ] && report before "${brates[*]}" "${btimes[*]}"
  report this "${rates[*]}" "${times[*]}"
  if [ -n "$before" ]; then
    printf '  this / before: %.2f times the events/s, %.2f times the events per CPU s\n' \
      "$(awk -v a="$(printf '%s\n' "${brates[@]}" | median)" -v b="$(printf '%s\n' "${rates[@]}" | median)" 'BEGIN {print b / a}')" \
      "$(awk -v a="$(printf '%s\n' "${btimes[@]}" | median)" -v b="$median" 'BEGIN {print a / b}')"
  fi
  if [ -n "${TLA2TOOLS_JAR:-}" ]; then
    exported="$out/export-$t"
    "$root/barreleye" traces export-tla "$f" --out "$exported" >/dev/null
    module="$(cd "$exported" && ls ./*Trace.tla | head -1)"
    module="${module#./}"
    read -r tlc status < <(cd "$exported" && timed java -jar "$TLA2TOOLS_JAR" -config "${module%.tla}.cfg" "$module")
    printf '  TLC on the export: CPU s %s (exit %s: 12 means it conforms), TLC / Barreleye %s\n' "$tlc" "$status" \
      "$(awk -v a="$tlc" -v b="$median" 'BEGIN {printf "%.1f", a / b}')"
  else
    echo "  TLC comparison skipped: set TLA2TOOLS_JAR to a tla2tools.jar to time TLC on the same trace"
  fi
done
