package routes.orders.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookEventTest {

    static final String SAMPLE = "{\"scope\":\"store/order/created\",\"store_id\":\"1025646\",\"data\":{\"type\":\"order\",\"id\":250},"
            + "\"hash\":\"dd70c0976e06b67aaf671e73f49dcb79230ebf9d\",\"created_at\":1561479335,\"producer\":\"stores/abc123\"}";

    static WebhookEvent parse(String json) {
        return WebhookEvent.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bigCommerceSample() {
        assertThat(parse(SAMPLE)).isEqualTo(
                new WebhookEvent("store/order/created", 250, 1561479335L, "dd70c0976e06b67aaf671e73f49dcb79230ebf9d"));
    }

    @Test
    void otherOrderScopesExtraFieldsAndNumericStrings() {
        WebhookEvent event = parse("{\"scope\":\"store/order/statusUpdated\",\"data\":{\"type\":\"order\",\"id\":\"251\","
                + "\"status\":{\"previous_status_id\":0,\"new_status_id\":11}},\"created_at\":\"1561479336\",\"extra\":[1,2]}");
        assertThat(event).isEqualTo(new WebhookEvent("store/order/statusUpdated", 251, 1561479336L, null));
    }

    @Test
    void leadingWhitespaceAndUnicodeAreFine() {
        assertThat(parse(" \n" + SAMPLE.replace("stores/abc123", "störes/\u00e9") + "\n").orderId()).isEqualTo(250);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"data\":{\"id\":1},\"created_at\":1}`                                    | scope: missing",
        "`{\"scope\":null,\"data\":{\"id\":1},\"created_at\":1}`                     | scope: missing",
        "`{\"scope\":5,\"data\":{\"id\":1},\"created_at\":1}`                        | scope: not a string (5)",
        "`{\"scope\":\" \",\"data\":{\"id\":1},\"created_at\":1}`                    | scope: empty",
        "`{\"scope\":\"store/product/updated\",\"data\":{\"id\":1},\"created_at\":1}` | scope: not an order webhook scope like store/order/created ('store/product/updated')",
        "`{\"scope\":\"store/order/created\",\"created_at\":1}`                      | data: missing",
        "`{\"scope\":\"store/order/created\",\"data\":[1],\"created_at\":1}`         | data: not an object (an array)",
        "`{\"scope\":\"store/order/created\",\"data\":{},\"created_at\":1}`          | data.id: missing",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":null},\"created_at\":1}` | data.id: missing",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":\"abc\"},\"created_at\":1}` | data.id: not a number ('abc')",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":true},\"created_at\":1}` | data.id: not a number (true)",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":{}},\"created_at\":1}`  | data.id: not a number (an object)",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":2.5},\"created_at\":1}` | data.id: not a whole number (2.5)",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":0},\"created_at\":1}`   | data.id: must be positive (0)",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":-4},\"created_at\":1}`  | data.id: must be positive (-4)",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":99999999999999999999},\"created_at\":1}` | data.id: out of range (99999999999999999999)",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":\"99999999999999999999\"},\"created_at\":1}` | data.id: out of range ('99999999999999999999')",
        "`{\"scope\":\"store/order/created\",\"data\":{\"type\":\"product\",\"id\":1},\"created_at\":1}` | data.type: expected 'order' (found 'product')",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":1}}`                   | created_at: missing",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":1},\"created_at\":-1}` | created_at: out of range for epoch seconds (-1)",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":1},\"created_at\":\"yesterday\"}` | created_at: not a number ('yesterday')",
        "`{\"scope\":\"store/order/created\",\"data\":{\"id\":1},\"created_at\":1,\"hash\":7}` | hash: not a string (7)",
        "`[]`                                                                        | body: not a JSON object",
        "`\"text\"`                                                                  | body: not a JSON object",
        "`null`                                                                      | body: not a JSON object",
    })
    void badPayloadsNameTheField(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidWebhook.class).hasMessage(message);
    }

    @Test
    void fieldIsAvailable() {
        assertThatThrownBy(() -> parse("{\"scope\":\"store/order/created\",\"data\":{}}"))
                .isInstanceOfSatisfying(InvalidWebhook.class, e -> assertThat(e.field()).isEqualTo("data.id"));
    }

    @Test
    void notJson() {
        for (String body : new String[] {"{", "{\"scope\":", "not json", "{\"a\":1} {\"b\":2}", "{\"a\":1}}", "{'a':1}",
            "{\"scope\":\"store/order/created\",\"scope\":\"store/order/updated\",\"data\":{\"id\":1},\"created_at\":1}"}) {
            assertThatThrownBy(() -> parse(body)).as(body).isInstanceOf(InvalidWebhook.class)
                    .hasMessageStartingWith("body: not valid JSON (");
        }
    }

    @Test
    void emptyAndNullBodies() {
        assertThatThrownBy(() -> WebhookEvent.parse(null)).isInstanceOf(InvalidWebhook.class).hasMessage("body: empty");
        assertThatThrownBy(() -> WebhookEvent.parse(new byte[0])).isInstanceOf(InvalidWebhook.class).hasMessage("body: empty");
    }

    @Test
    void invalidUtf8() {
        byte[] body = SAMPLE.replace("abc123", "abc\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> WebhookEvent.parse(body)).isInstanceOf(InvalidWebhook.class)
                .hasMessageStartingWith("body: not valid JSON (");
    }

    @Test
    void bodiesOver64KiBAreRefusedUnread() {
        byte[] body = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        assertThatThrownBy(() -> WebhookEvent.parse(body)).isInstanceOf(InvalidWebhook.class)
                .hasMessage("body: 65537 bytes, over the limit of 65536 bytes");
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"scope\":\"store/order/created\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> parse(deep)).isInstanceOf(InvalidWebhook.class).hasMessageStartingWith("body: not valid JSON (");
    }

    @Test
    void controlCharactersInValuesAreMaskedInMessages() {
        assertThatThrownBy(() -> parse("{\"scope\":\"store/order/created\",\"data\":{\"id\":\"1\\u001b[31m\\n\"},\"created_at\":1}"))
                .hasMessage("data.id: not a number ('1?[31m?')");
    }
}
