package bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap and RSS of this JVM during one measured phase: the most heap left in use after any GC (GC notifications,
 * what stays live plus old garbage not yet collected), the raw peak of the heap pools, and the highest VmRSS
 * sampled every 50 ms from /proc/self/status.
 */
final class Meter implements AutoCloseable {

    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    private final AtomicLong afterGc = new AtomicLong(-1);
    private final AtomicLong gcs = new AtomicLong();
    private final AtomicLong rss = new AtomicLong();
    private final long baseline;
    private final Thread sampler;
    private volatile boolean running = true;
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            afterGc.accumulateAndGet(heap(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
            gcs.incrementAndGet();
        }
    };

    private Meter() {
        System.gc();
        baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        ManagementFactory.getGarbageCollectorMXBeans().forEach(gc ->
                ((NotificationEmitter) gc).addNotificationListener(listener, null, null));
        sampler = new Thread(() -> {
            while (running) {
                rss.accumulateAndGet(rssBytes(ProcessHandle.current().pid()), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-meter");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts measuring after a full GC (the live heap then is the phase's baseline). */
    static Meter start() {
        return new Meter();
    }

    private static long heap(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream().filter(e -> HEAP_POOLS.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    /** VmRSS of a process from /proc (Linux), in bytes; 0 where there is no /proc. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (Exception ignored) {
                // not registered on this collector
            }
        }
    }

    long baselineMiB() {
        return baseline >> 20;
    }

    /** Most heap in use right after a GC during the phase; the pool peak when no GC ran. */
    long peakAfterGcMiB() {
        return afterGc.get() >= 0 ? afterGc.get() >> 20 : peakUsedMiB();
    }

    long peakUsedMiB() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    long gcs() {
        return gcs.get();
    }

    long peakRssMiB() {
        return rss.get() >> 20;
    }
}
