#!/bin/bash
# Builds the libFuzzer harnesses of tests/fuzz with clang++ and runs each for a while.
#
#   tests/fuzz/run.sh [--build-dir DIR] [--seconds N] [--build-only | --no-build] [NAME...]
#
# NAME is a harness without its fuzz_ prefix (core applinks consumers oauth2 pat accesstokens
# authorize dates); none means all. The decoders of models/ are compiled into every harness with
# libFuzzer, ASan and UBSan instrumentation (Qt and libgumbo are not instrumented). Each harness
# keeps its growing corpus in DIR/corpus/NAME and starts from the recorded fixtures in
# tests/fixtures/models; a crash leaves its input in DIR/artifacts and fails the run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build/fuzz"
seconds=60
mode=all
names=()
while [ $# -gt 0 ]; do
    case "$1" in
    --build-dir) build=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --build-only) mode=build; shift ;;
    --no-build) mode=run; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
    esac
done
if [ ${#names[@]} -eq 0 ]; then
    names=(core applinks consumers oauth2 pat accesstokens authorize dates)
fi

cxx=${FUZZ_CXX:-clang++}
sanitizers="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined"
# The project's compile policy, so the harnesses compile the same code the product does.
policy="-DQT_NO_CAST_FROM_ASCII -DQT_NO_CAST_TO_ASCII -DQT_USE_QSTRINGBUILDER -DQT_NO_URL_CAST_FROM_STRING"
cflags="-std=c++20 -g -O1 -fPIC $sanitizers $policy -I$root/models -I$here $(pkg-config --cflags Qt6Core gumbo)"
libs="$(pkg-config --libs Qt6Core gumbo)"

build_all() {
    mkdir -p "$build/obj"
    local newest_header objects=() src obj
    newest_header=$(ls -t "$root"/models/*.h "$here"/*.h | head -n 1)
    for src in "$root"/models/*.cpp; do
        # Item models are QObjects that need moc; they decode nothing, so harnesses leave them out.
        if grep -q Q_OBJECT "${src%.cpp}.h" 2>/dev/null; then
            continue
        fi
        obj="$build/obj/$(basename "${src%.cpp}").o"
        if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$newest_header" -nt "$obj" ]; then
            echo "compiling $(basename "$src")"
            # shellcheck disable=SC2086
            "$cxx" $cflags -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
        fi
        objects+=("$obj")
    done
    for name in "${names[@]}"; do
        src="$here/fuzz_$name.cpp"
        [ -f "$src" ] || { echo "run.sh: no harness $src" >&2; exit 2; }
        local exe="$build/fuzz_$name"
        if [ ! -x "$exe" ] || [ "$src" -nt "$exe" ] || [ "$newest_header" -nt "$exe" ] ||
            [ -n "$(find "$build/obj" -newer "$exe" -name '*.o' | head -n 1)" ]; then
            echo "linking fuzz_$name"
            # shellcheck disable=SC2086
            "$cxx" $cflags -fsanitize=fuzzer "$src" "${objects[@]}" $libs -o "$exe"
        fi
    done
}

run_all() {
    local status=0
    for name in "${names[@]}"; do
        local exe="$build/fuzz_$name"
        [ -x "$exe" ] || { echo "run.sh: $exe is not built (run without --no-build)" >&2; exit 2; }
        mkdir -p "$build/corpus/$name" "$build/artifacts"
        echo "fuzzing $name for ${seconds}s"
        # Leaks in a harness would be the decoders' (Qt's caches are static), so keep them on.
        if ! "$exe" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=262144 \
            -print_final_stats=0 -artifact_prefix="$build/artifacts/$name-" \
            "$build/corpus/$name" "$root/tests/fixtures/models" 2>"$build/$name.log"; then
            tail -n 60 "$build/$name.log" >&2
            echo "fuzz_$name FAILED; the input is in $build/artifacts" >&2
            status=1
        else
            grep -E '^Done [0-9]+ runs' "$build/$name.log" || true
        fi
    done
    return $status
}

[ "$mode" = run ] || build_all
[ "$mode" = build ] || run_all
