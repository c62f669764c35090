package io.parley.testing;

import io.parley.testing.StatementCounts.Entry;
import io.parley.testing.StatementCounts.Kind;
import io.parley.testing.StatementCounts.Origin;
import io.parley.testing.StatementCounts.Source;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Counts what Parley sends to PostgreSQL while a test action runs ({@link #during}): statements, batches, commits,
 * rollbacks, autocommit switches and connection checkouts, each with its SQL (whitespace collapsed, first 80
 * characters), the Parley methods that issued it and the work it belongs to. Installed by {@link StatementCounting},
 * which wraps the application's {@code DataSource} ({@link CountingJdbc}) and tells this counter which db-scheduler
 * execution a job thread is running.
 *
 * <p>What a call belongs to ({@link Origin}) is decided on the thread that makes it:
 *
 * <ul>
 *   <li>inside a db-scheduler execution: {@code JOB} while the task runs, {@code JOB_BOOKKEEPING} afterwards (the
 *       completion handler removing or rescheduling the execution), {@code HOUSEKEEPING_JOB} for a recurring task;
 *   <li>outside executions, a call made by db-scheduler with no Parley method on the stack is
 *       {@code SCHEDULER_POLLING} (lock-and-fetch, heartbeats, dead-execution checks: db-scheduler's own timing);
 *   <li>everything else is {@code OUTSIDE_JOBS}, named by the thread's family (a web request, a group-commit writer).
 * </ul>
 *
 * Calls made by test code (a class from {@code test-classes} on the stack, such as {@link TestTime#runDue}'s query or
 * a test's own {@code JdbcClient}) are not Parley's work and are not counted.
 */
public final class StatementCounter {
    private static final int SQL_PREFIX = 80;
    private static final int CALLERS = 3;
    private static final ThreadLocal<Execution> EXECUTION = new ThreadLocal<>();

    /** The db-scheduler execution a job thread runs; {@code bookkeeping} once its task returned. */
    private static final class Execution {
        private final String task;
        private final boolean recurring;
        private volatile boolean bookkeeping;

        Execution(String task, boolean recurring) {
            this.task = task;
            this.recurring = recurring;
        }

        Source source() {
            if (recurring) {
                return new Source(Origin.HOUSEKEEPING_JOB, task);
            }
            return new Source(bookkeeping ? Origin.JOB_BOOKKEEPING : Origin.JOB, task);
        }
    }

    private final Map<Entry, LongAdder> counts = new ConcurrentHashMap<>();
    private volatile boolean recording;

    /** Runs {@code action} and returns what Parley sent to the database meanwhile, on any thread. */
    public synchronized StatementCounts during(Runnable action) {
        counts.clear();
        recording = true;
        try {
            action.run();
        } finally {
            recording = false;
        }
        return new StatementCounts(counts.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> e.getValue().sum())));
    }

    void jobStarted(String task, boolean recurring) {
        EXECUTION.set(new Execution(task, recurring));
    }

    void jobTaskReturned() {
        Execution execution = EXECUTION.get();
        if (execution != null) {
            execution.bookkeeping = true;
        }
    }

    void jobEnded() {
        EXECUTION.remove();
    }

    void record(Kind kind, String sql, long amount) {
        if (!recording || amount == 0) {
            return;
        }
        Stack stack = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(Stack::of);
        if (stack.testCode()) {
            return;
        }
        counts.computeIfAbsent(
                        new Entry(source(stack), kind, normalise(sql), String.join(" < ", stack.callers())),
                        key -> new LongAdder())
                .add(amount);
    }

    private static Source source(Stack stack) {
        Execution execution = EXECUTION.get();
        if (execution != null) {
            return execution.source();
        }
        if (stack.callers().isEmpty() && stack.scheduler()) {
            return new Source(Origin.SCHEDULER_POLLING, "db-scheduler");
        }
        return new Source(Origin.OUTSIDE_JOBS, threadFamily());
    }

    /** A pool's thread without its number ("http-nio-auto-1-exec-"), so one family shares one line. */
    private static String threadFamily() {
        Thread thread = Thread.currentThread();
        String name = thread.getName().replaceAll("\\d+$", "");
        return name.isEmpty() ? (thread.isVirtual() ? "virtual" : "unnamed") : name;
    }

    static String normalise(String sql) {
        if (sql == null) {
            return "";
        }
        String collapsed = sql.strip().replaceAll("\\s+", " ");
        return collapsed.length() <= SQL_PREFIX ? collapsed : collapsed.substring(0, SQL_PREFIX);
    }

    /**
     * What the stack of a database call says: whether test code made it (a class from {@code test-classes} other
     * than this counter's own), whether db-scheduler did, and the innermost Parley methods on the way.
     */
    private record Stack(boolean testCode, boolean scheduler, List<String> callers) {
        private static final ClassValue<Boolean> FROM_TESTS = new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                CodeSource source = type.getProtectionDomain().getCodeSource();
                return source != null
                        && source.getLocation() != null
                        && source.getLocation().getPath().contains("test-classes");
            }
        };

        static Stack of(Stream<StackWalker.StackFrame> frames) {
            boolean testCode = false;
            boolean scheduler = false;
            List<String> callers = new ArrayList<>(CALLERS);
            for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                Class<?> type = frame.getDeclaringClass();
                String name = type.getName();
                if (FROM_TESTS.get(type)) {
                    testCode |= !isCounter(name);
                } else if (name.startsWith("com.github.kagkarlsson.")) {
                    scheduler = true;
                } else if (name.startsWith("io.parley.") && !name.contains("$$")) {
                    String caller = name.substring(name.lastIndexOf('.') + 1) + "." + frame.getMethodName();
                    if (callers.size() < CALLERS && !callers.contains(caller)) {
                        callers.add(caller);
                    }
                }
            }
            return new Stack(testCode, scheduler, List.copyOf(callers));
        }

        private static boolean isCounter(String className) {
            return className.startsWith(StatementCounter.class.getName())
                    || className.startsWith(CountingJdbc.class.getName())
                    || className.startsWith(StatementCounting.class.getName());
        }
    }
}
