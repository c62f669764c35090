package io.parley.perf;

import io.parley.conversation.internal.TurnJob;
import io.parley.delivery.internal.DeliveryJob;
import io.parley.testing.StatementCounts;
import io.parley.testing.StatementCounts.Kind;
import io.parley.testing.StatementCounts.Origin;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The database work of {@code turns} answered turns, split into the phases of one message's path, from what
 * {@link io.parley.testing.StatementCounter} saw in three windows of the test: the message webhooks, the clock
 * moving past the debounce (turn jobs and the deliveries they queue), and the status webhooks.
 */
final class TurnStatements {

    /** What is budgeted, per answered turn. */
    enum Measure {
        /** Statements of the message webhooks (request threads and the group-commit writer). */
        INGEST,
        /** Statements of the turn jobs' task. */
        TURN,
        /** Statements of the delivery jobs' task (the Graph send included). */
        DELIVERY,
        /** Statements of the status webhooks (sent, delivered, read) and anything they run. */
        STATUS,
        /** db-scheduler removing or rescheduling each execution after its task returned. */
        SCHEDULER,
        /** Anything else while turns ran: another job, another thread. */
        OTHER,
        /** All statements above. */
        TOTAL,
        /** Commits of all phases. */
        COMMITS,
        /** Statements, commits and rollbacks of all phases. */
        ROUND_TRIPS
    }

    private final Map<Measure, StatementCounts> phases = new EnumMap<>(Measure.class);
    private final StatementCounts all;
    private final StatementCounts excluded;
    private final int turns;

    TurnStatements(StatementCounts ingest, StatementCounts turnsRan, StatementCounts statuses, int turns) {
        this.turns = turns;
        phases.put(Measure.INGEST, withoutBookkeeping(ingest));
        phases.put(Measure.TURN, turnsRan.job(TurnJob.TASK));
        phases.put(Measure.DELIVERY, turnsRan.job(DeliveryJob.TASK));
        phases.put(Measure.STATUS, withoutBookkeeping(statuses));
        phases.put(Measure.SCHEDULER, ingest.plus(turnsRan).plus(statuses).where(Origin.JOB_BOOKKEEPING));
        phases.put(
                Measure.OTHER,
                turnsRan.perTurnWork()
                        .where(source -> source.origin() == Origin.OUTSIDE_JOBS
                                || (source.origin() == Origin.JOB
                                        && !source.name().equals(TurnJob.TASK)
                                        && !source.name().equals(DeliveryJob.TASK))));
        this.all = phases.values().stream().reduce(new StatementCounts(Map.of()), StatementCounts::plus);
        StatementCounts windows = ingest.plus(turnsRan).plus(statuses);
        this.excluded = windows.where(
                source -> source.origin() == Origin.HOUSEKEEPING_JOB || source.origin() == Origin.SCHEDULER_POLLING);
    }

    private static StatementCounts withoutBookkeeping(StatementCounts window) {
        return window.perTurnWork().where(source -> source.origin() != Origin.JOB_BOOKKEEPING);
    }

    double perTurn(Measure measure) {
        return switch (measure) {
            case TOTAL -> (double) all.statements() / turns;
            case COMMITS -> (double) all.of(Kind.COMMIT) / turns;
            case ROUND_TRIPS -> (double) all.roundTrips() / turns;
            default -> (double) phases.get(measure).statements() / turns;
        };
    }

    /** {@code statements per turn: ingest=.. turn=.. ...}, one line. */
    String summary() {
        return "statements per turn: "
                + Stream.of(Measure.values())
                        .map(m -> m.name().toLowerCase(Locale.ROOT) + "=" + format(perTurn(m)))
                        .collect(Collectors.joining(" "))
                + " (" + turns + " turns)";
    }

    /** The statements a measure counts, most frequent first, per turn. */
    String breakdown(Measure measure) {
        String title = measure.name().toLowerCase(Locale.ROOT);
        return switch (measure) {
            case TOTAL, COMMITS, ROUND_TRIPS -> all.table(title + " (all phases)", turns);
            default -> phases.get(measure).table(title, turns);
        };
    }

    /** Every phase's breakdown, then what was left out (recurring housekeeping, db-scheduler's polling). */
    String fullTable() {
        StringBuilder table = new StringBuilder();
        phases.keySet().forEach(measure -> table.append(breakdown(measure)));
        return table.append(excluded.table("not counted (housekeeping jobs, db-scheduler polling)", turns))
                .toString();
    }

    static String format(double perTurn) {
        return String.format(Locale.ROOT, "%.2f", perTurn);
    }
}
