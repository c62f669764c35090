package io.parley.media.internal;

import io.parley.media.MediaStore;
import io.parley.media.MediaStoreContract;
import io.parley.testing.PlatformSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalMediaStoreContractTest extends MediaStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected MediaStore newStore() {
        return new LocalMediaStore(PlatformSettings.embedded(dataDir));
    }
}
