package routes.inventory;

import java.nio.file.Path;

/** SyncNowHeapTest's GC-log reading, for heap tests in other packages. */
public final class SyncNowHeapTestAccess {

    private SyncNowHeapTestAccess() {
    }

    public static int peakHeapAfterGc(Path gcLog) throws Exception {
        return SyncNowHeapTest.peakHeapAfterGc(gcLog);
    }
}
