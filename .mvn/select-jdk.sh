# Sourced by ./mvnw: runs Maven itself on a JDK >= 21 when the one at JAVA_HOME (or on the PATH) is older, because
# the formatter check (Spotless, palantir-java-format) parses Java 21 sources with the JDK Maven runs on. The
# compiler and tests already pick a JDK >= 21 through maven-toolchains-plugin; this makes `./mvnw` work on a machine
# whose default java is 17 without setting anything. Set JAVA_HOME to a JDK >= 21 to choose one yourself.
parley_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
parley_current_java="${JAVA_HOME:+$JAVA_HOME/bin/java}"
[ -n "$parley_current_java" ] || parley_current_java="$(command -v java || true)"
parley_major=0
[ -z "$parley_current_java" ] || parley_major="$(parley_java_major "$parley_current_java")"
if [ "${parley_major:-0}" -lt 21 ]; then
  set +f # mvnw runs with globbing off
  for parley_candidate in /usr/lib/jvm/* /opt/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$parley_candidate/bin/javac" ] || continue
    parley_candidate_major="$(parley_java_major "$parley_candidate/bin/java")"
    if [ "${parley_candidate_major:-0}" -ge 21 ]; then
      JAVA_HOME="$parley_candidate"
      export JAVA_HOME
      parley_major="$parley_candidate_major"
      break
    fi
  done
  set -f
fi
# Maven's own Guice calls sun.misc.Unsafe; JDK 24+ warns about it on every run unless allowed.
if [ "${parley_major:-0}" -ge 24 ]; then
  case "${MAVEN_OPTS-}" in
  *sun-misc-unsafe-memory-access*) ;;
  *) MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
