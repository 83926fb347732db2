package routes.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import routes.inventory.LocationMap;
import routes.platform.ConfigProblem;
import routes.platform.Settings;

class AppSettingsTest {

    @Test
    void unsetPushSettingsTakeTheirOneDefault() {
        PushSettings push = PushSettings.from(new Settings(new DefaultCamelContext()));
        assertThat(push.stockBatchSize()).isEqualTo(PushSettings.DEFAULT_STOCK_BATCH_SIZE);
        assertThat(push.maxAttempts()).isEqualTo(PushSettings.DEFAULT_MAX_ATTEMPTS);
        assertThat(push.locations().storefrontId("OUTLET")).hasValue(2);
    }

    @Test
    void pushSettingsOutOfRangeNameTheKeyAndAnExample() {
        assertThatThrownBy(() -> new PushSettings(LocationMap.parse("MAIN=1"), 500, 0))
                .isInstanceOf(ConfigProblem.class)
                .hasMessage("synchub.push.max-attempts: '0' is outside 1..100 (example: synchub.push.max-attempts=8)");
        assertThatThrownBy(() -> new PushSettings(LocationMap.parse("MAIN=1"), 2001, 8))
                .isInstanceOf(ConfigProblem.class).hasMessageStartingWith("synchub.stock.batch-size:");
    }

    @Test
    void backOfficePageSizeOutOfRangeNamesTheKey() {
        assertThat(BackOfficeSettings.from(new Settings(new DefaultCamelContext())).pageSize())
                .isEqualTo(BackOfficeSettings.DEFAULT_PAGE_SIZE);
        assertThatThrownBy(() -> new BackOfficeSettings(100_001))
                .isInstanceOf(ConfigProblem.class)
                .hasMessage("synchub.backoffice.page-size: '100001' is outside 1..100000 (example: synchub.backoffice.page-size=1000)");
    }
}
