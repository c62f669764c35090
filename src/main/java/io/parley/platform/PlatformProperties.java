package io.parley.platform;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Process-wide settings.
 *
 * @param dataDir   where the embedded database, generated keys and the admin token hash live ({@code PARLEY_DATA_DIR})
 * @param masterKey key for credentials at rest ({@code PARLEY_MASTER_KEY}); generated into the data dir if embedded
 * @param publicUrl the URL printed at start-up and used to build links; defaults to http://localhost:{port}
 * @param db        database connection; no URL means the embedded PostgreSQL
 */
@ConfigurationProperties("parley")
public record PlatformProperties(
        @DefaultValue("./data") Path dataDir,
        String masterKey,
        String publicUrl,
        @DefaultValue Db db) {

    /**
     * @param url      JDBC URL of an external PostgreSQL ({@code PARLEY_DB_URL})
     * @param user     its user ({@code PARLEY_DB_USER})
     * @param password its password ({@code PARLEY_DB_PASSWORD})
     * @param poolSize connections per node
     * @param connectionTimeout how long a request waits for a free connection before it is answered 503
     */
    public record Db(
            String url,
            String user,
            String password,
            @DefaultValue("20") int poolSize,
            @DefaultValue("5s") java.time.Duration connectionTimeout) {}

    public boolean embedded() {
        return db.url() == null || db.url().isBlank();
    }

    @Override
    public String toString() {
        return "PlatformProperties[dataDir=" + dataDir + ", embedded=" + embedded() + "]";
    }
}
