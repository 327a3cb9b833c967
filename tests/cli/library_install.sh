#!/bin/bash
# The install as a user meets it: `cmake --install` puts the programs,
# libsift (only the API's symbols exported), sift.h and sift.pc in a
# prefix; examples/find.c builds against them through pkg-config and
# indexes and searches the corpus; the installed indexer finds its reader
# process and the installed programs their library.
. "$TESTS_LIB"
: "${BUILD_DIR:?}"
P="$WORK/prefix"
run cmake --install "$BUILD_DIR" --prefix "$P"
expect_rc 0 "cmake --install"
for f in bin/indexer bin/search include/sift.h; do
    [ -f "$P/$f" ] || fail "not installed: $f"
done
lib=$(find "$P" -name 'libsift.so.0' | head -n 1)
pc=$(find "$P" -name sift.pc | head -n 1)
[ -n "$lib" ] || fail "libsift.so.0 not installed"
[ -n "$pc" ] || fail "sift.pc not installed"
find "$P" -path '*libexec/sift/sift-reader' | grep -q . || fail "sift-reader not installed in libexec/sift"

# Exported: exactly the functions sift.h declares.
nm -D --defined-only "$lib" | awk '$2 == "T" {sub(/@.*/, "", $3); print $3}' | sort >"$WORK/exported"
sed -nE 's/^[a-z].*[ *](xc_[a-z_]+)\(.*/\1/p' "$P/include/sift.h" | sort -u >"$WORK/declared"
[ -s "$WORK/declared" ] || fail "no function found in sift.h"
diff "$WORK/declared" "$WORK/exported" >"$WORK/symdiff" || fail "libsift exports other than sift.h declares: $(cat "$WORK/symdiff")"
objdump -p "$lib" | grep -q 'SONAME *libsift.so.0' || fail "libsift has no soname libsift.so.0"

# The example program, compiled as a user would (with the sanitizers of
# this build, which libsift was built with).
export PKG_CONFIG_PATH="$(dirname "$pc")"
run pkg-config --cflags --libs sift
expect_rc 0 "pkg-config sift"
flags=$OUT
san=()
grep -q '^SIFT_SANITIZE:BOOL=ON' "$BUILD_DIR/CMakeCache.txt" && san=(-fsanitize=address,undefined)
EX="$(dirname "$0")/../../examples/find.c"
# shellcheck disable=SC2086 # pkg-config's words
run cc -Wall -Wextra -Werror "${san[@]}" "$EX" $flags -Wl,-rpath,"$(dirname "$lib")" -o "$WORK/find"
expect_rc 0 "cc examples/find.c"
run "$WORK/find" "$WORK/idx" "$CORPUS" "military liaison mission"
expect_rc 0 "find"
expect_out '^1 [^ ]+ .*\[[Mm]ilitary' "find's first hit"
[ "$(wc -l <<<"$OUT")" -ge 2 ] || fail "find: fewer than two hits: $OUT"
run "$WORK/find" "$WORK/idx" "$CORPUS" "zzzunknownword"
expect_rc 1 "find, no hit"

# The installed programs run with the installed library.
ldd "$P/bin/search" | grep -q "$P/.*libsift.so.0" || fail "installed search does not load the installed libsift: $(ldd "$P/bin/search" | grep sift)"
printf '<html><head><title>Liaison</title></head><body><p>The liaison office.</p></body></html>' >"$WORK/page.html"
run "$P/bin/indexer" --db "$WORK/idx2" "$WORK/page.html"
expect_rc 0 "installed indexer, an HTML file (the reader process)"
run "$P/bin/search" --db "$WORK/idx2" -n 1 liaison
expect_rc 0 "installed search"
expect_out 'Liaison'
finish
