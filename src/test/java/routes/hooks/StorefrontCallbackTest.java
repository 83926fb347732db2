package routes.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import routes.storefront.HookScope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorefrontCallbackTest {

    private static StorefrontCallback parse(String json) {
        return StorefrontCallback.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSpecsExamplesParse() {
        StorefrontCallback status = parse("""
                {"created_at":1561482670,"store_id":"1025646","producer":"stores/{store_hash}","scope":"store/order/statusUpdated",
                 "hash":"352e4afc6dd3fc85ea26bfdf3f91852604d57528",
                 "data":{"type":"order","id":250,"status":{"previous_status_id":1,"new_status_id":11}}}""");
        assertThat(status.hookScope()).isEqualTo(HookScope.ORDER_STATUS_UPDATED);
        assertThat(status.resourceId()).isEqualTo(250);
        assertThat(status.createdAt()).isEqualTo(Instant.ofEpochSecond(1561482670));
        assertThat(status.hash()).isEqualTo("352e4afc6dd3fc85ea26bfdf3f91852604d57528");

        StorefrontCallback product = parse("""
                {"created_at":1561482670,"store_id":"1025646","producer":"stores/abc","scope":"store/product/inventory/updated",
                 "hash":"h2","data":{"type":"product","id":167,"inventory":{"product_id":167,"method":"relative","value":-3}}}""");
        assertThat(product.hookScope().subject()).isEqualTo(HookScope.Subject.INVENTORY);
        assertThat(product.productId()).isEqualTo(167L);
        assertThat(product.variantId()).isNull();
        assertThat(product.method()).isEqualTo("relative");
        assertThat(product.value()).isEqualTo(-3);
    }

    @Test
    void aScopeSyncHubDoesNotRegisterParsesWithoutAHookScope() {
        assertThat(parse("{\"scope\":\"store/cart/created\",\"hash\":\"h\",\"created_at\":1,\"data\":{\"id\":\"7\"}}").hookScope()).isNull();
    }

    @Test
    void whatIsNoCallbackNamesTheField() {
        assertThatThrownBy(() -> parse("{\"scope\":\"store/order/created\",\"created_at\":1,\"data\":{\"id\":1}}"))
                .hasMessage("hash: missing");
        assertThatThrownBy(() -> parse("{\"scope\":\"store/order/created\",\"hash\":\"h\",\"created_at\":1,\"data\":[]}"))
                .hasMessage("data: not an object");
        assertThatThrownBy(() -> parse("{\"scope\":\"store/order/created\",\"hash\":\"h\",\"created_at\":1.5,\"data\":{\"id\":1}}"))
                .hasMessage("created_at: not a whole number");
        assertThatThrownBy(() -> parse("{\"scope\":\"store/order/created\",\"hash\":\"h\",\"created_at\":1,\"data\":{\"id\":1}} x"))
                .hasMessageStartingWith("body: not valid JSON");
        assertThatThrownBy(() -> StorefrontCallback.parse(new byte[0])).hasMessage("body: empty");
    }
}
