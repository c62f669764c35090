package io.parley.media.internal;

import io.parley.media.MediaStore;
import io.parley.media.MediaStoreContract;
import io.parley.platform.PlatformProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

class LocalMediaStoreContractTest extends MediaStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected MediaStore newStore() {
        return new LocalMediaStore(new PlatformProperties(
                dataDir, null, null, new PlatformProperties.Db(null, null, null, 20, Duration.ofSeconds(5))));
    }
}
