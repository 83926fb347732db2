package routes.app;

import java.util.Objects;

import routes.inventory.LocationMap;
import routes.platform.ConfigProblem;
import routes.platform.Settings;

/**
 * What the pushes to the storefront share, read once: stock push and Sync Now's delivery use the same locations and
 * batch size, stock and catalog push the same attempt limit. Validated on construction.
 */
record PushSettings(LocationMap locations, int stockBatchSize, int maxAttempts) {

    static final String LOCATIONS = "synchub.storefront.locations";
    static final String DEFAULT_LOCATIONS = "MAIN=1,OUTLET=2";
    static final String STOCK_BATCH_SIZE = "synchub.stock.batch-size";
    static final int DEFAULT_STOCK_BATCH_SIZE = 500;
    static final int MAX_STOCK_BATCH_SIZE = 2000;
    static final String MAX_ATTEMPTS = "synchub.push.max-attempts";
    static final int DEFAULT_MAX_ATTEMPTS = 8;
    static final int MAX_MAX_ATTEMPTS = 100;

    PushSettings {
        Objects.requireNonNull(locations, LOCATIONS);
        requireWithin(STOCK_BATCH_SIZE, stockBatchSize, MAX_STOCK_BATCH_SIZE, DEFAULT_STOCK_BATCH_SIZE);
        requireWithin(MAX_ATTEMPTS, maxAttempts, MAX_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS);
    }

    /** Read in the order start-up always read them, so the first bad one is the one reported. */
    static PushSettings from(Settings settings) {
        LocationMap locations = LocationMap.parse(settings.string(LOCATIONS, DEFAULT_LOCATIONS));
        int batch = settings.integer(STOCK_BATCH_SIZE, DEFAULT_STOCK_BATCH_SIZE, 1, MAX_STOCK_BATCH_SIZE);
        int attempts = settings.integer(MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, MAX_MAX_ATTEMPTS);
        return new PushSettings(locations, batch, attempts);
    }

    private static void requireWithin(String key, int value, int max, int example) {
        if (value < 1 || value > max) {
            throw new ConfigProblem(key, "'" + value + "' is outside 1.." + max, key + "=" + example);
        }
    }
}
