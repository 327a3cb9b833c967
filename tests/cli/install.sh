# cmake --install puts both programs in PREFIX/bin and the indexer's reader
# process in PREFIX/libexec/sift, and they work from there.
. "$TESTS_LIB"
: "${BUILD_DIR:?}"
run cmake --install "$BUILD_DIR" --prefix "$WORK/prefix"
expect_rc 0 "cmake --install"
for prog in indexer search; do
  [ -x "$WORK/prefix/bin/$prog" ] || fail "$prog not installed in $WORK/prefix/bin"
done
run "$WORK/prefix/bin/indexer" --db "$WORK/idx" "$CORPUS"
expect_rc 0 "installed indexer"
run "$WORK/prefix/bin/search" --db "$WORK/idx" --format trec "military liaison mission"
expect_rc 0 "installed search"
expect_out "^1 Q0 [0-9]{3}_[0-9a-f]{16} 1 "
[ -x "$WORK/prefix/libexec/sift/sift-reader" ] || fail "sift-reader not installed in $WORK/prefix/libexec/sift"
printf '<html><head><title>Installed Page</title></head><body>kumquatword</body></html>' >"$WORK/page.html"
run "$WORK/prefix/bin/indexer" --db "$WORK/idx" "$WORK/page.html"
expect_rc 0 "installed indexer reads HTML (its reader process found)"
run "$WORK/prefix/bin/search" --db "$WORK/idx" --format json kumquatword
expect_out '"title":"Installed Page"' "HTML through the installed reader"
finish
