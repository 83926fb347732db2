package routes.hub;

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
 */
public final class IdleMemory {

    private static final Logger LOG = LoggerFactory.getLogger(IdleMemory.class);
    static final String OPTION = "G1PeriodicGCInterval";
    static final long INTERVAL_MS = 10_000;

    private IdleMemory() {
    }

    /** @return whether the periodic collection was switched on here */
    public static boolean returnUnusedHeapWhenIdle() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotSpot == null || !"true".equals(hotSpot.getVMOption("UseG1GC").getValue())) {
                return false;
            }
            VMOption option = hotSpot.getVMOption(OPTION);
            if (option.getOrigin() != VMOption.Origin.DEFAULT || !option.isWriteable()) {
                return false;
            }
            hotSpot.setVMOption(OPTION, String.valueOf(INTERVAL_MS));
            return true;
        } catch (RuntimeException e) {
            // another JVM, or the option is missing: the heap is then sized as the JVM decides
            LOG.debug("Periodic G1 collection not set: {}", e.toString());
            return false;
        }
    }
}
