package io.parley.testing;

import io.parley.testing.StatementCounts.Kind;
import java.io.Closeable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * JDBC proxies ({@link java.lang.reflect.Proxy}) that report to a {@link StatementCounter}: DataSource → Connection →
 * Statement / PreparedStatement / CallableStatement. They only count and forward; {@code unwrap} still reaches the
 * pool and the driver ({@code PGConnection} for LISTEN/NOTIFY, {@code HikariDataSource} for metrics).
 */
final class CountingJdbc {
    private CountingJdbc() {}

    static DataSource dataSource(DataSource target, StatementCounter counter) {
        // Closeable too: the bean's destroy method is close(), which must still reach the pool.
        return proxy(DataSource.class, new Class<?>[] {DataSource.class, Closeable.class}, new Forwarding(target) {
            @Override
            Object handle(Object proxy, Method method, Object[] args) throws Throwable {
                Object result = forward(method, args);
                if (method.getName().equals("getConnection")) {
                    counter.record(Kind.CONNECTION, null, 1);
                    return proxy(Connection.class, new ConnectionHandler((Connection) result, counter));
                }
                return result;
            }
        });
    }

    private static final class ConnectionHandler extends Forwarding {
        private final Connection connection;
        private final StatementCounter counter;

        ConnectionHandler(Connection connection, StatementCounter counter) {
            super(connection);
            this.connection = connection;
            this.counter = counter;
        }

        @Override
        Object handle(Object proxy, Method method, Object[] args) throws Throwable {
            Connection self = (Connection) proxy;
            switch (method.getName()) {
                case "createStatement" -> {
                    return statement(Statement.class, forward(method, args), self, null);
                }
                case "prepareStatement" -> {
                    return statement(PreparedStatement.class, forward(method, args), self, (String) args[0]);
                }
                case "prepareCall" -> {
                    return statement(CallableStatement.class, forward(method, args), self, (String) args[0]);
                }
                case "commit" -> counter.record(Kind.COMMIT, null, 1);
                case "rollback" -> {
                    if (args == null || args.length == 0) {
                        counter.record(Kind.ROLLBACK, null, 1);
                    } else {
                        counter.record(Kind.STATEMENT, "rollback to savepoint", 1);
                    }
                }
                case "setAutoCommit" -> {
                    boolean to = (Boolean) args[0];
                    if (connection.getAutoCommit() != to) {
                        counter.record(Kind.AUTOCOMMIT, Boolean.toString(to), 1);
                    }
                }
                case "setSavepoint" -> counter.record(Kind.STATEMENT, "savepoint", 1);
                case "releaseSavepoint" -> counter.record(Kind.STATEMENT, "release savepoint", 1);
                case "setTransactionIsolation" -> {
                    if (connection.getTransactionIsolation() != (Integer) args[0]) {
                        counter.record(Kind.STATEMENT, "set transaction isolation level " + args[0], 1);
                    }
                }
                default -> {
                    // forwarded below
                }
            }
            return forward(method, args);
        }

        private Object statement(Class<? extends Statement> type, Object statement, Connection self, String sql) {
            return proxy(type, new StatementHandler((Statement) statement, sql, self, counter));
        }
    }

    private static final class StatementHandler extends Forwarding {
        private final String preparedSql;
        private final Connection connection;
        private final StatementCounter counter;
        private int batchEntries;
        private String batchSql;

        StatementHandler(Statement statement, String preparedSql, Connection connection, StatementCounter counter) {
            super(statement);
            this.preparedSql = preparedSql;
            this.connection = connection;
            this.counter = counter;
        }

        @Override
        Object handle(Object proxy, Method method, Object[] args) throws Throwable {
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
            switch (method.getName()) {
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" ->
                    counter.record(Kind.STATEMENT, sql, 1);
                case "addBatch" -> {
                    batchEntries++;
                    batchSql = batchSql == null ? sql : batchSql;
                }
                case "clearBatch" -> {
                    batchEntries = 0;
                    batchSql = null;
                }
                case "executeBatch", "executeLargeBatch" -> {
                    counter.record(Kind.BATCH, batchSql, 1);
                    counter.record(Kind.BATCH_ENTRY, batchSql, batchEntries);
                    batchEntries = 0;
                    batchSql = null;
                }
                // pgjdbc describes the statement on the server to answer this (Spring asks it for some nulls).
                case "getParameterMetaData" -> counter.record(Kind.STATEMENT, "[describe] " + sql, 1);
                case "getConnection" -> {
                    return connection;
                }
                default -> {
                    // forwarded below
                }
            }
            return forward(method, args);
        }
    }

    /** Forwards to the target; answers equals/hashCode/toString and wrapper questions about the proxy itself. */
    private abstract static class Forwarding implements InvocationHandler {
        private final Object target;

        Forwarding(Object target) {
            this.target = target;
        }

        @Override
        public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "counting(" + target + ")";
                }
                case "unwrap" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                }
                case "isWrapperFor" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return true;
                    }
                }
                default -> {
                    // handled below
                }
            }
            return handle(proxy, method, args);
        }

        abstract Object handle(Object proxy, Method method, Object[] args) throws Throwable;

        final Object forward(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return proxy(type, new Class<?>[] {type}, handler);
    }

    private static <T> T proxy(Class<T> type, Class<?>[] interfaces, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(CountingJdbc.class.getClassLoader(), interfaces, handler));
    }
}
