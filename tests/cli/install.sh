# cmake --install puts both programs in PREFIX/bin, and they work from there.
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
finish
