package routes.platform;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets an idle SyncHub give back heap it no longer uses. G1 grows the heap for the first sync's burst of work and,
 * by default, keeps it committed until some later collection happens to shrink it; with a periodic collection
 * (JDK 12+, JEP 346: {@code G1PeriodicGCInterval}, a "manageable" option that may be set while the JVM runs) G1 runs a
 * concurrent cycle after this long without any collection and returns the unused memory. It only acts when the
 * JVM uses G1 and the operator left the option at its default: {@code -XX:G1PeriodicGCInterval=...} (0 = off) wins.
 * With it, the heap's free-space bounds ({@code MinHeapFreeRatio}/{@code MaxHeapFreeRatio}, also manageable) go from
 * 40/70 % to 10/30 % unless either was set on the command line, so an idle collection actually gives memory back.
 */
public final class IdleMemory {

    private static final Logger LOG = LoggerFactory.getLogger(IdleMemory.class);
    static final String OPTION = "G1PeriodicGCInterval";
    static final long INTERVAL_MS = 10_000;
    static final String MIN_FREE = "MinHeapFreeRatio";
    static final String MAX_FREE = "MaxHeapFreeRatio";
    static final int MIN_FREE_PERCENT = 10;
    static final int MAX_FREE_PERCENT = 30;

    private IdleMemory() {
    }

    /** @return whether the periodic collection was switched on here */
    public static boolean returnUnusedHeapWhenIdle() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotSpot == null || !"true".equals(hotSpot.getVMOption("UseG1GC").getValue())) {
                return false;
            }
            if (!setIfDefault(hotSpot, OPTION, String.valueOf(INTERVAL_MS))) {
                return false;
            }
            // what a collection keeps committed beyond the live heap: the JVM's defaults (40-70 % free) keep about three
            // times the live data; 10-30 % keeps idle memory close to what is used. Min first: it must stay <= max.
            if (isDefault(hotSpot, MIN_FREE) && isDefault(hotSpot, MAX_FREE)) {
                hotSpot.setVMOption(MIN_FREE, String.valueOf(MIN_FREE_PERCENT));
                hotSpot.setVMOption(MAX_FREE, String.valueOf(MAX_FREE_PERCENT));
            }
            return true;
        } catch (RuntimeException e) {
            // another JVM, or the option is missing: the heap is then sized as the JVM decides
            LOG.debug("Periodic G1 collection not set: {}", e.toString());
            return false;
        }
    }

    private static boolean isDefault(HotSpotDiagnosticMXBean hotSpot, String name) {
        VMOption option = hotSpot.getVMOption(name);
        return option.getOrigin() == VMOption.Origin.DEFAULT && option.isWriteable();
    }

    private static boolean setIfDefault(HotSpotDiagnosticMXBean hotSpot, String name, String value) {
        if (!isDefault(hotSpot, name)) {
            return false;
        }
        hotSpot.setVMOption(name, value);
        return true;
    }
}
