# Maven for the benchmarks (sourced), as a fresh machine runs it: online, so that plugins and
# dependencies missing from the local repository are downloaded. MAVEN_OFFLINE=1 adds -o where the
# local repository is known to be complete (no network). Needs ROOT and WORK set by the caller.

bench_mvn() {
  local offline=()
  if [[ "${MAVEN_OFFLINE:-0}" == 1 ]]; then offline=(-o); fi
  (cd "$ROOT" && mvn -B -ntp -q "${offline[@]}" "$@")
}

# Builds the activities' test classes and writes their test class path to $WORK/cp.txt; on failure
# prints the end of Maven's log and exits.
bench_activities_classpath() {
  bench_mvn -pl activities -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >"$WORK/mvn.log" 2>&1 \
    || { tail -30 "$WORK/mvn.log"; exit 1; }
}
