package routes.orders.webhook;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderWebhookTest {

    @Test
    void withoutAConfiguredSecretEveryCallIs503NamingTheSetting() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        String answer = new OrderWebhook(null, null, null).receive("{}".getBytes(), "sha256=00", null, exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(answer).contains("synchub.storefront.webhook-secret");
        assertThat(exchange.getMessage().getHeader(OrderWebhook.SIGNATURE_HEADER)).isNull();
    }

    @Test
    void itsDescriptionNeverShowsTheSecret() {
        assertThat(new OrderWebhook(new WebhookSignature("s3cr3t-value"), null, null).toString()).doesNotContain("s3cr3t-value");
    }
}
