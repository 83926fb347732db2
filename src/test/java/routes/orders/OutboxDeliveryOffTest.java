package routes.orders;

import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import routes.app.RunningSyncHub;

import static org.assertj.core.api.Assertions.assertThat;

/** Without synchub.outbox.delivery-uri (unset or blank) the delivery route does not exist, and start-up says so once. */
class OutboxDeliveryOffTest {

    @Test
    void aBlankDeliveryUriLeavesTheDeliveryRouteOutAndSaysSoInOneStartUpLine() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try (RunningSyncHub app = RunningSyncHub.start(Map.of("synchub.outbox.delivery-uri", " "))) {
            assertThat(app.context().getRoute("orders-export-delivery")).isNull();
            assertThat(app.getJson("/api/v1/tasks").toString()).doesNotContain("orders-export-delivery");
            assertThat(app.context().getRoute("inventory-files").getEndpoint().getEndpointUri())
                    .as("inventory drops: the local inbox by default").startsWith("file:").contains(app.dataDir() + "/inbox/inventory?");
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("Outbox delivery")))
                .singleElement().asString()
                .contains("synchub.outbox.delivery-uri is not set").contains("orders-export-delivery does not start");
    }
}
