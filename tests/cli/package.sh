#!/usr/bin/env bash
# CLI suite: packaging. Builds the .deb with CPack from the build folder of the binary, unpacks
# it with dpkg -x into a temporary root, runs the installed binary's --version and --help,
# checks the man page, the docs and the Depends line; then the same through
# `cmake --install` with DESTDIR; and cmake/git_commit.cmake in and outside a git checkout.
#
#   bash tests/cli/package.sh PATH/TO/build/seed-random
#
# Needs the man page built (the seed-random-man target, part of `all`). Writes nothing in the
# build folder but install_manifest.txt (cmake --install).
set -uo pipefail    # no -e: run every check and report them all

# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"

BIN=$(realpath "${1:?usage: package.sh PATH/TO/build/seed-random}")
BUILD=$(dirname "$BIN")
TMP=$(mktemp -d /tmp/seed-random-package.XXXXXX) || fatal "mktemp"
trap 'rm -rf "$TMP"' EXIT

[[ -f $BUILD/CPackConfig.cmake ]] || fatal "no CPackConfig.cmake in $BUILD"
[[ -f $BUILD/seed-random.1.gz ]] || fatal "no man page in $BUILD (build the seed-random-man target)"
version_line=$("$BIN" --version) || fatal "$BIN --version"

# --- the .deb ------------------------------------------------------------------------------
(cd "$TMP" && cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$TMP/pkg" >"$TMP/cpack.log" 2>&1) \
    || { cat "$TMP/cpack.log"; fatal "cpack -G DEB"; }
debs=("$TMP"/pkg/seed-random_*.deb)
[[ -f ${debs[0]} ]] || fatal "no seed-random_*.deb in $TMP/pkg"
DEB=${debs[0]}
pass "cpack built $(basename "$DEB") ($(stat -c %s "$DEB") bytes)"

check "package name" "seed-random" "$(dpkg-deb -f "$DEB" Package)"
depends=$(dpkg-deb -f "$DEB" Depends)
echo "     Depends: $depends"
# The libraries the binary links (dpkg-shlibdeps); libpqxx is not one of them (raw libpq).
for lib in libpq5 libfmt9 libspdlog1.10 libssl3 libstdc++6 libc6; do
    contains "Depends names $lib" "$lib" "$depends"
done
# apt resolves it on this system (simulation: nothing is installed).
expect "apt-get -s install ./$(basename "$DEB") resolves" \
    bash -c "apt-get -s install '$DEB' >'$TMP/apt.log' 2>&1 && grep -q '^Inst seed-random ' '$TMP/apt.log'"

dpkg -x "$DEB" "$TMP/root" || fatal "dpkg -x"
installed=$TMP/root/usr/bin/seed-random
expect "dpkg -x: usr/bin/seed-random is executable" test -x "$installed"
check "installed --version = built --version" "$version_line" "$("$installed" --version 2>&1)"
shape_ok() { [[ $version_line =~ ^seed-random\ [0-9]+\.[0-9]+\.[0-9]+\ \(commit\ ([0-9a-f]{12}(-dirty)?|unknown)\)$ ]]; }
expect "--version shape ($version_line)" shape_ok
help=$("$installed" --help 2>&1)
check "installed --help exits 0" 0 "$?"
contains "--help lists --units" "--units" "$help"
contains "--help lists --sample-factors" "--sample-factors" "$help"
man_page=$TMP/root/usr/share/man/man1/seed-random.1.gz
expect "man page usr/share/man/man1/seed-random.1.gz" test -s "$man_page"
man_text=$(zcat "$man_page" 2>&1)
contains "man page: .TH SEED-RANDOM" '.TH SEED-RANDOM "1"' "$man_text"
contains "man page documents --sample-factors" 'sample\-factors' "$man_text"
for doc in README.md architecture.md seed-data.md; do
    expect "docs: usr/share/doc/seed-random/$doc" test -s "$TMP/root/usr/share/doc/seed-random/$doc"
done
check "nothing but usr/bin, usr/share/{doc,man}" "usr/bin/seed-random" \
    "$(cd "$TMP/root" && find . -type f | sed 's|^\./||' | grep -v -E '^usr/share/(doc|man)/' | sort | tr '\n' ' ' | sed 's/ $//')"

# --- cmake --install with DESTDIR ----------------------------------------------------------
DESTDIR=$TMP/destdir cmake --install "$BUILD" --prefix /usr >"$TMP/install.log" 2>&1 \
    || { cat "$TMP/install.log"; fail "cmake --install"; }
check "cmake --install: the binary's --version" "$version_line" "$("$TMP/destdir/usr/bin/seed-random" --version 2>&1)"
expect "cmake --install: the man page" test -s "$TMP/destdir/usr/share/man/man1/seed-random.1.gz"
expect "cmake --install: README" test -s "$TMP/destdir/usr/share/doc/seed-random/README.md"

# --- the commit of --version ---------------------------------------------------------------
commit_of() { # SOURCE_DIR -> the commit text cmake/git_commit.cmake writes
    cmake -DSOURCE_DIR="$1" -DOUTPUT="$TMP/git_commit.cpp" -P "$ROOT/cmake/git_commit.cmake" \
        && sed -n 's/^const char git_commit\[\] = "\(.*\)";$/\1/p' "$TMP/git_commit.cpp"
}
mkdir -p "$TMP/not-a-checkout"
check "outside a git checkout: unknown" "unknown" "$(commit_of "$TMP/not-a-checkout")"
if head=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null); then
    got=$(commit_of "$ROOT")
    check "in the checkout: the HEAD commit" "$head" "${got%-dirty}"
    git init -q "$TMP/repo" && git -C "$TMP/repo" -c user.name=t -c user.email=t@t commit -q --allow-empty -m one
    first=$(commit_of "$TMP/repo")
    git -C "$TMP/repo" -c user.name=t -c user.email=t@t commit -q --allow-empty -m two
    second=$(commit_of "$TMP/repo")
    check "a new commit changes the text" "$(git -C "$TMP/repo" rev-parse --short=12 HEAD)" "$second"
    expect "…and differs from the first ($first)" test "$first" != "$second"
    mkdir -p "$TMP/repo/sub"
    check "a folder inside another checkout: unknown" "unknown" "$(commit_of "$TMP/repo/sub")"
fi

finish
