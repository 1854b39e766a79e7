#!/usr/bin/env bash
# Writes LinkOrder/docengine.order: every function of the release `docengine` that a command-line
# render executes, for the linker to place side by side (`--symbol-ordering-file`, Package.swift).
#
# Why: the kernel maps an executable's code 64 KB at a time around each page it faults in, so a
# render that touches 2 700 functions scattered over 22 MB of code kept ~10 MB of it resident and
# paid a page fault for each block. Packed together they are a few hundred kilobytes.
#
# Run after changes that rename or add many functions on the render path (a stale list only loses
# part of the gain: the linker ignores names it does not find). Needs valgrind (callgrind).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product docengine >/dev/null
bin="$(swift build -c release --show-bin-path)/docengine"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Valgrind 3.19 cannot read the toolchain's DWARF 5; the symbol table is all it needs.
strip --strip-debug -o "$work/docengine" "$bin"
renders=(
  "invoice SampleData/invoice-rub.json" "invoice SampleData/invoice-400.json" "request SampleData/request-ru.json"
  "act SampleData/act-ky.json" "driver-assignment SampleData/driver-assignment-en.json"
)
# The renders as a user's second render runs them (the parsed templates cached by a first one,
# not profiled), then one with no cache at all (compiling), whose own functions come last: the
# list is the same whatever this machine's cache holds.
export DOCENGINE_CACHE="$work/cache"
for entry in "${renders[@]}"; do
  read -r template data <<<"$entry"
  "$work/docengine" render "$template" --data "$data" -o "$work/out.pdf" --fonts Fonts >/dev/null
done
renders+=("invoice SampleData/invoice-kgs.json off")
for index in "${!renders[@]}"; do
  read -r template data cache <<<"${renders[$index]}"
  DOCENGINE_CACHE="${cache:-$DOCENGINE_CACHE}" valgrind --tool=callgrind --demangle=no \
    --callgrind-out-file="$work/profile.$index" \
    "$work/docengine" render "$template" --data "$data" -o "$work/out.pdf" --fonts Fonts >/dev/null 2>&1
done
# The functions of the executable itself (not of shared libraries), first render first.
python3 - "$work"/profile.* >LinkOrder/docengine.order <<'PY'
import re, sys
seen, names = set(), []
for path in sorted(sys.argv[1:], key=lambda p: int(p.rsplit(".", 1)[1])):
    objects, functions, current = {}, {}, None
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        if m := re.match(r"^(c?ob)=\((\d+)\)(?: (.*))?$", line):
            if m.group(3): objects[m.group(2)] = m.group(3)
            if m.group(1) == "ob": current = objects.get(m.group(2))
        elif m := re.match(r"^fn=\((\d+)\)(?: (.*))?$", line):
            if m.group(2): functions[m.group(1)] = m.group(2)
            # callgrind marks recursion levels as name'2, name'3…
            name = re.sub(r"'\d+$", "", functions.get(m.group(1)) or "")
            if current and current.endswith("/docengine") and name and name not in seen:
                seen.add(name)
                names.append(name)
print("\n".join(names))
PY
echo "LinkOrder/docengine.order: $(wc -l <LinkOrder/docengine.order) functions"
