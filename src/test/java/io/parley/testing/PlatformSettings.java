package io.parley.testing;

import io.parley.platform.PlatformProperties;
import java.nio.file.Path;
import java.time.Duration;

/** {@link PlatformProperties} for tests that build a component without Spring: the two ways Parley runs. */
public final class PlatformSettings {
    public static final String PUBLIC_URL = "https://parley.example.com/";

    private PlatformSettings() {}

    /** The zero-setup default: embedded PostgreSQL, no master key configured, public at {@link #PUBLIC_URL}. */
    public static PlatformProperties embedded(Path dataDir) {
        return new PlatformProperties(
                dataDir, null, PUBLIC_URL, new PlatformProperties.Db(null, null, null, 20, Duration.ofSeconds(5)));
    }

    /** N nodes on one external PostgreSQL ({@code PARLEY_DB_URL} set), with a master key. */
    public static PlatformProperties external(Path dataDir) {
        return new PlatformProperties(
                dataDir,
                "key",
                null,
                new PlatformProperties.Db(
                        "jdbc:postgresql://db.example.com/parley", "parley", "pw", 20, Duration.ofSeconds(5)));
    }
}
