package io.parley.testing;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What {@link StatementCounter} saw during one action: how often each statement, commit or rollback was sent, by
 * whom ({@link Source}) and from which Parley methods. Filter it by source, add windows together, and print it per
 * unit of work ({@link #table}).
 */
public record StatementCounts(Map<Entry, Long> counts) {

    /** Whose work a database call was; see {@link StatementCounter} for how it is decided. */
    public enum Origin {
        /** A web request, a group-commit writer or any other thread outside a db-scheduler execution. */
        OUTSIDE_JOBS,
        /** A db-scheduler execution's task ({@link Source#name} is the task name). */
        JOB,
        /** db-scheduler removing or rescheduling an execution after its task returned. */
        JOB_BOOKKEEPING,
        /** A recurring task (reaper, retention sweeps): runs on a timer, not per turn. */
        HOUSEKEEPING_JOB,
        /** db-scheduler's own polling and heartbeats on {@code scheduled_tasks}. */
        SCHEDULER_POLLING
    }

    /** What the driver was asked to do. */
    public enum Kind {
        /** {@code execute*} of a statement, a savepoint, an isolation change, a parameter describe: one round trip. */
        STATEMENT("", true),
        /** {@code executeBatch}: one round trip, however many entries. */
        BATCH("[batch] ", true),
        /** Entries ({@code addBatch}) sent by the batches above; not round trips of their own. */
        BATCH_ENTRY("[batch entries] ", false),
        COMMIT("COMMIT", true),
        ROLLBACK("ROLLBACK", true),
        /**
         * {@code setAutoCommit} to a different value. Not a round trip by itself with pgjdbc: turning it off sends
         * BEGIN with the next statement, turning it on after {@code commit()} has nothing to commit.
         */
        AUTOCOMMIT("setAutoCommit ", false),
        /** A connection taken from the pool (no round trip: Hikari hands out an open one). */
        CONNECTION("getConnection", false);

        private final String label;
        private final boolean roundTrip;

        Kind(String label, boolean roundTrip) {
            this.label = label;
            this.roundTrip = roundTrip;
        }

        /** Statements and batches: SQL sent to PostgreSQL. */
        public boolean sql() {
            return this == STATEMENT || this == BATCH;
        }
    }

    public record Source(Origin origin, String name) {}

    /** One line of the tally: what, by whom, from where ({@code caller}: up to three Parley methods, innermost first). */
    public record Entry(Source source, Kind kind, String sql, String caller) {
        /** The SQL (or what else was done) and who did it: the Parley methods, or else the thread or task. */
        String line() {
            return String.format(Locale.ROOT, "%-88s %s", kind.label + sql, caller.isEmpty() ? source.name() : caller);
        }
    }

    private static final Set<Origin> NOT_PER_TURN = EnumSet.of(Origin.HOUSEKEEPING_JOB, Origin.SCHEDULER_POLLING);

    public StatementCounts where(Predicate<Source> source) {
        return new StatementCounts(counts.entrySet().stream()
                .filter(e -> source.test(e.getKey().source()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    public StatementCounts where(Origin origin) {
        return where(source -> source.origin() == origin);
    }

    /** A job's own statements: its task's, not db-scheduler's bookkeeping after it. */
    public StatementCounts job(String task) {
        return where(source -> source.origin() == Origin.JOB && source.name().equals(task));
    }

    /** Everything that is work of the traffic: without recurring housekeeping and db-scheduler's polling. */
    public StatementCounts perTurnWork() {
        return where(source -> !NOT_PER_TURN.contains(source.origin()));
    }

    public StatementCounts plus(StatementCounts other) {
        Map<Entry, Long> sum = new HashMap<>(counts);
        other.counts.forEach((entry, count) -> sum.merge(entry, count, Long::sum));
        return new StatementCounts(Map.copyOf(sum));
    }

    /** SQL sent: statements plus batches (each batch one round trip). */
    public long statements() {
        return sum(entry -> entry.kind().sql());
    }

    public long roundTrips() {
        return sum(entry -> entry.kind().roundTrip);
    }

    public long of(Kind kind) {
        return sum(entry -> entry.kind() == kind);
    }

    /**
     * One line per statement, most frequent first, then one per commit, rollback, autocommit switch and connection
     * checkout, each by the Parley methods that made it, counts divided by {@code per}:
     *
     * <pre>
     * turn: 31.00 statements, 2.00 commits, 0.00 rollbacks per turn
     *      2.00  select * from chatbots where id = ?          ChatbotRepository.find < Chatbots.find
     *      ...
     *      1.00  COMMIT                                       TurnWriter.inTransaction < TurnWriter.complete
     * </pre>
     */
    public String table(String title, int per) {
        StringBuilder table = new StringBuilder(String.format(
                Locale.ROOT,
                "%s: %.2f statements, %.2f commits, %.2f rollbacks per turn%n",
                title,
                (double) statements() / per,
                (double) of(Kind.COMMIT) / per,
                (double) of(Kind.ROLLBACK) / per));
        appendLines(table, entry -> entry.kind().sql(), per);
        appendLines(table, entry -> !entry.kind().sql(), per);
        return table.toString();
    }

    private void appendLines(StringBuilder table, Predicate<Entry> which, int per) {
        counts.entrySet().stream()
                .filter(e -> which.test(e.getKey()))
                .collect(Collectors.groupingBy(e -> e.getKey().line(), Collectors.summingLong(Map.Entry::getValue)))
                .entrySet()
                .stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(line -> table.append(
                        String.format(Locale.ROOT, "  %7.2f  %s%n", (double) line.getValue() / per, line.getKey())));
    }

    private long sum(Predicate<Entry> which) {
        return counts.entrySet().stream()
                .filter(e -> which.test(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
