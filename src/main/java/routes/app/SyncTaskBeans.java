package routes.app;

import java.time.Clock;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import routes.backoffice.ImagePull;
import routes.backoffice.IncrementalPull;
import routes.backoffice.InboxFilter;
import routes.backoffice.InventoryFiles;
import routes.backoffice.InvoicePull;
import routes.backoffice.ItemPull;
import routes.backoffice.JdbcBackOffice;
import routes.backoffice.PurchaseOrderPull;
import routes.backoffice.StageCheck;
import routes.backoffice.StockPull;
import routes.catalog.CatalogPush;
import routes.catalog.ImagesPush;
import routes.changelog.ChangeLog;
import routes.inventory.SkuMetrics;
import routes.inventory.StockPush;
import routes.orders.OrdersExport;
import routes.orders.OrdersIn;
import routes.orders.OrdersOut;
import routes.orders.OutboxDelivery;
import routes.orders.SalesOrderStore;
import routes.orders.webhook.OrderWebhook;
import routes.orders.webhook.RelayReplays;
import routes.orders.webhook.WebhookSignature;
import routes.platform.Settings;
import routes.storefront.Storefront;
import routes.task.TaskTrigger;

/** The beans of the sync tasks (one route file each under routes/): pulls, pushes, orders, inventory files. */
final class SyncTaskBeans {

    private SyncTaskBeans() {
    }

    /** The pushes the metrics observe. */
    record Pushes(StockPush stock, ImagesPush images) {
    }

    /** Pulls from the back office, pushes to the storefront and the orders' way in and out; returns the pushes. */
    static Pushes bind(HubFoundation hub, ChangeLogBeans changes, JdbcBackOffice backOffice, Storefront storefront,
                          BackOfficeSettings backOfficeSettings, PushSettings push) {
        Settings settings = hub.settings();
        Registry registry = hub.registry();
        HikariDataSource db = hub.hub();
        Clock clock = hub.clock();
        ChangeLog changeLog = changes.changeLog();
        IncrementalPull incremental = new IncrementalPull(backOffice, db, changes.watermarks(), clock, backOfficeSettings.pageSize());
        registry.bind("stockPull", new StockPull(incremental, changes.hubStock()));
        StockPush stockPush = new StockPush(changeLog, changes.deadLetters(), storefront,
                push.locations(), db, clock, push.stockBatchSize(), push.maxAttempts());
        registry.bind("stockPush", stockPush);

        registry.bind("itemPull", new ItemPull(incremental, changeLog, clock, "items.changed"));
        registry.bind("variantPull", new ItemPull(incremental, changeLog, clock, "variants.changed"));
        registry.bind("itemListPull", new ItemPull(incremental, changeLog, clock, "items-list.changed"));
        registry.bind("itemsCheck", new StageCheck(incremental, "items.pending", "items-list"));
        registry.bind("imagesCheck", new StageCheck(incremental, "images.pending", "images-read"));
        registry.bind("imagePull", new ImagePull(incremental, changeLog, clock));
        registry.bind("invoicePull", new InvoicePull(incremental, clock));
        registry.bind("purchaseOrderPull", new PurchaseOrderPull(incremental, clock));
        registry.bind("ordersIn", new OrdersIn(storefront, db, changes.watermarks(), clock,
                settings.integer("synchub.orders.page-size", 50, 1, 250)));
        registry.bind("ordersExport", new OrdersExport(db, clock, settings.integer("synchub.orders-export.batch-size", 500, 1, 100_000)));
        registry.bind("ordersOut", new OrdersOut(backOffice, db, clock, settings.integer("synchub.orders.batch-size", 100, 1, 10_000)));
        registry.bind("catalogPush", new CatalogPush(changeLog, changes.deadLetters(), storefront, db,
                settings.integer("synchub.catalog.batch-size", 200, 1, 10_000), push.maxAttempts()));
        ImagesPush imagesPush = new ImagesPush(changeLog, changes.deadLetters(), storefront, db, clock,
                settings.integer("synchub.images.batch-size", 100, 1, 10_000), push.maxAttempts());
        registry.bind("imagesPush", imagesPush);
        registry.bind("skuMetrics", new SkuMetrics(db, clock, settings.integer("synchub.metrics.days", 30, 1, 366),
                SalesOrderStore::unitsSoldSince));
        return new Pushes(stockPush, imagesPush);
    }

    /** What arrives or leaves as an event: the order webhook, partner inventory files, the export's delivery. */
    static void bindEvents(HubFoundation hub, ChangeLogBeans changes, TaskTrigger trigger) {
        Settings settings = hub.settings();
        Registry registry = hub.registry();
        RelayReplays replays = new RelayReplays(hub.hub(), hub.clock(), Duration.ofSeconds(settings.integer(
                RelayReplays.WINDOW_SETTING, (int) RelayReplays.DEFAULT_WINDOW.toSeconds(), 1, 86_400)));
        registry.bind("orderWebhook", new OrderWebhook(settings.optional(WebhookSignature.SETTING)
                .filter(secret -> !secret.isBlank()).map(WebhookSignature::new).orElse(null), replays, trigger));
        // which inventory drops were applied (name + content hash), kept beside the hub's H2 files across restarts
        IdempotentRepository seenFiles = FileIdempotentRepository.fileIdempotentRepository(
                hub.dataDir().resolve("hub/inventory-files.seen").toFile(), 10_000, 10_000_000);
        hub.closeOnStop(() -> ServiceHelper.stopService(seenFiles));
        ServiceHelper.startService(seenFiles);
        registry.bind("inventoryFiles", new InventoryFiles(hub.hub(), changes.hubStock(), seenFiles, hub.clock(),
                settings.string("synchub.inventory-files.default-location", "MAIN"),
                settings.integer("synchub.inventory-files.chunk-rows", 1000, 1, 50_000)));
        if (settings.optional("synchub.inventory-files.uri").map(uri -> uri.startsWith("file:")).orElse(true)) {
            hub.context().getPropertiesComponent().addOverrideProperty("synchub.inventory-files.include-hidden-files", "true");
        }
        String doneFile = settings.string("synchub.inventory-files.done-file-name", "");
        registry.bind("inventoryInbox", new InboxFilter("inventory-files",
                doneFile.startsWith("${file:name}") ? doneFile.substring("${file:name}".length()) : ""));
        // before the routes load: orders-export-delivery's precondition asks it whether a delivery URI is set
        registry.bind("outboxDelivery", OutboxDelivery.of(
                settings.optional(OutboxDelivery.SETTING), hub.dataDir().resolve("outbox")));
    }
}
