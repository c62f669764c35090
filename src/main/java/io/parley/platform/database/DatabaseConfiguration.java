package io.parley.platform.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.parley.platform.PlatformProperties;
import java.io.IOException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One DataSource for everything (our tables and db-scheduler's): the external PostgreSQL named by
 * {@code PARLEY_DB_URL}, or else the embedded one, which this DataSource starts and, on close, stops after
 * its connections are closed.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(PlatformProperties properties) {
        HikariConfig config = new HikariConfig();
        PlatformProperties.Db db = properties.db();
        config.setPoolName("parley");
        config.setMaximumPoolSize(db.poolSize());
        config.setConnectionTimeout(db.connectionTimeout().toMillis());
        config.setInitializationFailTimeout(30_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "parley");
        if (!properties.embedded()) {
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
            return new HikariDataSource(config);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties.dataDir());
        config.setJdbcUrl(server.jdbcUrl());
        return new EmbeddedDataSource(config, server);
    }

    static final class EmbeddedDataSource extends HikariDataSource {
        private static final Logger log = LoggerFactory.getLogger(EmbeddedDataSource.class);
        private final EmbeddedPostgresServer server;

        EmbeddedDataSource(HikariConfig config, EmbeddedPostgresServer server) {
            super(config);
            this.server = server;
        }

        @Override
        public void close() {
            super.close();
            try {
                server.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
