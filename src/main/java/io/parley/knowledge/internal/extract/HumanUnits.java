package io.parley.knowledge.internal.extract;

import java.time.Duration;

/** Limits as the reasons shown to users write them ("100 MB", "60 s"). */
final class HumanUnits {
    private HumanUnits() {}

    static String bytes(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis >= 1000 && millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
