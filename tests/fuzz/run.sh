#!/bin/bash
# Builds the libFuzzer harnesses of tests/fuzz with clang++ and runs each for a while.
#
#   tests/fuzz/run.sh [--build-dir DIR] [--seconds N] [--build-only | --no-build] [--replay]
#                     [NAME...]
#
# NAME is a harness without its fuzz_ prefix (core applinks consumers oauth2 pat accesstokens
# authorize dates publickey manifest errors privatekey oauthparams cli appargs grantcache); none
# means all. The decoders of models/ are compiled into every harness with libFuzzer, ASan and
# UBSan instrumentation (Qt, libgumbo and OpenSSL are not instrumented); a harness of code
# elsewhere names its extra sources below. Each harness keeps its growing corpus in
# DIR/corpus/NAME and starts from the recorded fixtures in tests/fixtures/models and
# tests/fuzz/seeds/NAME; a crash leaves its input in DIR/artifacts and fails the run. --replay
# runs each harness once over those seeds and its past findings in tests/fuzz/regressions/NAME,
# without fuzzing (fuzz.replay).
set -euo pipefail
# set -e ends the script without a word; say where, so a failed fuzz.build is never silent.
trap 'echo "run.sh: stopped by a failing command at line $LINENO (status $?)" >&2' ERR

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/build/fuzz"
seconds=60
mode=all
replay=0
names=()
while [ $# -gt 0 ]; do
    case "$1" in
    --build-dir) build=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --build-only) mode=build; shift ;;
    --no-build) mode=run; shift ;;
    --replay) replay=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) names+=("$1"); shift ;;
    esac
done
if [ ${#names[@]} -eq 0 ]; then
    names=(core applinks consumers oauth2 pat accesstokens authorize dates publickey manifest errors
        privatekey oauthparams cli appargs grantcache)
fi

# Harnesses of code outside models/: the sources they need too, and the libraries those link.
public_key="app/auth/RsaPublicKey.cpp app/auth/SecretBytes.cpp"
private_key="app/auth/RsaPrivateKey.cpp app/auth/AuthLogging.cpp"
declare -A extra_sources=(
    [publickey]="$public_key"
    [consumers]="$public_key"
    [privatekey]="$private_key $public_key"
    [errors]="app/api/ErrorMapper.cpp app/api/ApiError.cpp app/api/CertificateInfo.cpp"
    [oauthparams]="app/auth/FormEncoding.cpp app/auth/OAuth1Dance.cpp app/auth/OAuth1Signer.cpp
        app/auth/OAuth2Token.cpp app/auth/SecureRandom.cpp app/services/AccessRequestLink.cpp
        $private_key"
    [cli]="app/cli/CliOptions.cpp app/cli/CliAdminOptions.cpp app/services/ConnectionOptions.cpp
        app/api/CertificateInfo.cpp"
    [appargs]="app/services/DesktopCommandLine.cpp app/services/ConnectionOptions.cpp
        app/api/CertificateInfo.cpp"
    # GrantListCache's load() and store() call the offline cache: linked, though only fromBinary and
    # toBinary are fuzzed.
    [grantcache]="app/services/GrantListCache.cpp app/services/GrantIds.cpp app/storage/BinaryRecords.cpp
        app/storage/OfflineCache.cpp app/storage/Database.cpp app/storage/Migrations.cpp
        app/storage/PrivateFiles.cpp app/storage/StorageLogging.cpp"
)
crypto="$(pkg-config --libs libcrypto)"
network="$(pkg-config --libs Qt6Network)"
declare -A extra_libs=([publickey]="$crypto" [consumers]="$crypto" [privatekey]="$crypto"
    [oauthparams]="$crypto" [errors]="$network" [cli]="$network" [appargs]="$network"
    [grantcache]="$(pkg-config --libs Qt6Sql)")

cxx=${FUZZ_CXX:-clang++}
sanitizers="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined"
# The project's compile policy, so the harnesses compile the same code the product does.
policy="-DQT_NO_CAST_FROM_ASCII -DQT_NO_CAST_TO_ASCII -DQT_USE_QSTRINGBUILDER -DQT_NO_URL_CAST_FROM_STRING"
cflags="-std=c++20 -g -O1 -fPIC $sanitizers $policy -I$root/models -I$root/app -I$here $(pkg-config --cflags Qt6Core Qt6Network Qt6Sql gumbo)"
libs="$(pkg-config --libs Qt6Core gumbo)"

# Compiles $1 into $2 unless $2 is newer than it and than every header ($newest_header).
compile() {
    if [ ! -f "$2" ] || [ "$1" -nt "$2" ] || [ "$newest_header" -nt "$2" ]; then
        echo "compiling $(basename "$1")"
        # shellcheck disable=SC2086
        "$cxx" $cflags -fsanitize=fuzzer-no-link -c "$1" -o "$2"
    fi
}

# Prints the most recently modified of the files given. Not "ls -t | head -n 1": under pipefail
# that fails at random once the list passes 4 KiB (ls writes twice, head has gone, SIGPIPE), and
# set -e then ends the script without a word; a longer checkout path was enough.
newest_of() {
    local newest=$1 file
    for file in "$@"; do
        [ -e "$file" ] || { echo "run.sh: $file does not exist" >&2; return 2; }
        if [ "$file" -nt "$newest" ]; then
            newest=$file
        fi
    done
    echo "$newest"
}

build_all() {
    mkdir -p "$build/obj"
    local newest_header objects=() src obj
    newest_header=$(newest_of "$root"/models/*.h "$root"/app/{auth,api,cli}/*.h \
        "$root"/app/services/{AccessRequestLink,ConnectionOptions,StaleTokenRule}.h \
        "$root"/app/services/{DesktopCommandLine,GrantListCache,GrantIds}.h "$root"/app/storage/*.h \
        "$here"/*.h)
    for src in "$root"/models/*.cpp; do
        # Item models are QObjects that need moc; they decode nothing, so harnesses leave them out.
        if grep -q Q_OBJECT "${src%.cpp}.h" 2>/dev/null; then
            continue
        fi
        obj="$build/obj/$(basename "${src%.cpp}").o"
        compile "$src" "$obj"
        objects+=("$obj")
    done
    for name in "${names[@]}"; do
        src="$here/fuzz_$name.cpp"
        [ -f "$src" ] || { echo "run.sh: no harness $src" >&2; exit 2; }
        local exe="$build/fuzz_$name" extra=() extra_src
        for extra_src in ${extra_sources[$name]:-}; do
            obj="$build/obj/extra_$(basename "${extra_src%.cpp}").o"
            compile "$root/$extra_src" "$obj"
            extra+=("$obj")
        done
        if [ ! -x "$exe" ] || [ "$src" -nt "$exe" ] || [ "$newest_header" -nt "$exe" ] ||
            [ -n "$(find "$build/obj" -newer "$exe" -name '*.o' -print -quit)" ]; then
            echo "linking fuzz_$name"
            # shellcheck disable=SC2086
            "$cxx" $cflags -fsanitize=fuzzer "$src" "${objects[@]}" "${extra[@]}" $libs \
                ${extra_libs[$name]:-} -o "$exe"
        fi
    done
}

# The directories a harness starts from: the recorded fixtures and its seeds; with "replay" also
# the inputs of its past findings (tests/fuzz/regressions/NAME, which must stay fixed). Fuzzing
# leaves those out: a finding can be large (a slow input), and libFuzzer would then spend its
# time mutating inputs of that size.
seed_dirs() {
    echo "$root/tests/fixtures/models"
    local dir
    for dir in "$here/seeds/$1" ${2:+"$here/regressions/$1"}; do
        [ -d "$dir" ] && echo "$dir"
    done
    return 0
}

# Runs each harness once over every file of its seed directories, without fuzzing: a finding
# that comes back fails here in milliseconds, long before a fuzzing run would meet it again.
replay_all() {
    local status=0 name
    for name in "${names[@]}"; do
        local exe="$build/fuzz_$name" inputs
        [ -x "$exe" ] || { echo "run.sh: $exe is not built (run without --no-build)" >&2; exit 2; }
        mapfile -t inputs < <(seed_dirs "$name" replay | xargs -I{} find {} -type f | sort)
        # A regression of a slow input fails on time too: 10 s is far above what any takes now.
        if "$exe" -timeout=10 -rss_limit_mb=2048 "${inputs[@]}" >"$build/$name.replay.log" 2>&1; then
            echo "fuzz_$name: ${#inputs[@]} inputs replayed"
        else
            tail -n 60 "$build/$name.replay.log" >&2
            echo "fuzz_$name FAILED on a seed or regression input (see above)" >&2
            status=1
        fi
    done
    return $status
}

run_all() {
    local status=0
    for name in "${names[@]}"; do
        local exe="$build/fuzz_$name"
        [ -x "$exe" ] || { echo "run.sh: $exe is not built (run without --no-build)" >&2; exit 2; }
        mkdir -p "$build/corpus/$name" "$build/artifacts"
        echo "fuzzing $name for ${seconds}s"
        # Leaks in a harness would be the decoders' (Qt's caches are static), so keep them on.
        local seeds
        mapfile -t seeds < <(seed_dirs "$name")
        if ! "$exe" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=262144 \
            -print_final_stats=0 -artifact_prefix="$build/artifacts/$name-" \
            "$build/corpus/$name" "${seeds[@]}" 2>"$build/$name.log"; then
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
if [ "$mode" != build ]; then
    if [ "$replay" = 1 ]; then
        replay_all
    else
        run_all
    fi
fi
