package routes.app;

import org.apache.camel.spi.Registry;
import routes.api.ChangeApi;
import routes.changelog.PauseSwitches;
import routes.inventory.Products;
import routes.inventory.StockPush;
import routes.inventory.SyncNow;
import routes.inventory.SyncNowDelivery;
import routes.platform.Settings;
import routes.storefront.Storefront;

/** Pauses, manual adjustments, products and Sync Now (the change pipeline's beans and its admin API). */
record ChangePipelineBeans(SyncNowDelivery syncNowDelivery, ChangeApi changeApi) {

    static ChangePipelineBeans bind(HubFoundation hub, ChangeLogBeans changes, Storefront storefront, PushSettings push,
                                    StockPush stockPush, TaskBeans tasks) {
        Settings settings = hub.settings();
        Registry registry = hub.registry();
        PauseSwitches pauses = new PauseSwitches(hub.hub(), hub.clock());
        SyncNowDelivery delivery = new SyncNowDelivery(storefront, push.locations(), hub.clock(), push.stockBatchSize());
        SyncNow syncNow = new SyncNow(hub.hub(), hub.clock(), changes.changeLog(), tasks.trigger(),
                settings.integer("synchub.sync-now.page-size", 5000, 1, 100_000), pauses, delivery,
                hub.context().getExecutorServiceManager().newSingleThreadExecutor(SyncNow.class, "SyncNowSettle"));
        registry.bind("syncNowDelivery", delivery);
        registry.bind("pauseSwitches", pauses);
        registry.bind("syncNow", syncNow);
        ChangeApi changeApi = new ChangeApi(new Products(hub.hub(), changes.hubStock()), pauses,
                stockPush, syncNow, tasks.trigger(), tasks.catalog(),
                settings.string("synchub.stock.default-location", "MAIN"), push.locations().codes());
        registry.bind("changeApi", changeApi);
        return new ChangePipelineBeans(delivery, changeApi);
    }
}
