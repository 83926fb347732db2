package routes.storefront;

import java.util.List;
import java.util.Map;

/** The storefront's webhook subscriptions (BigCommerce {@code /v3/hooks}); {@link BigCommerceHooks} is the implementation. */
public interface StorefrontHooks {

    /**
     * One subscription. {@code headers} are the custom headers the storefront sends back with every callback: they
     * carry a secret, so {@link #toString()} leaves them out.
     */
    record Hook(long id, String scope, String destination, boolean active, Map<String, String> headers) {
        public Hook {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        @Override
        public String toString() {
            return "Hook[" + id + " " + scope + " -> " + destination + (active ? "" : " (inactive)") + ", headers hidden]";
        }
    }

    /** Every subscription of this API account, all pages. */
    List<Hook> list();

    /** Subscribes {@code destination} to {@code scope}, active, with these custom headers. */
    Hook create(String scope, String destination, Map<String, String> headers);

    /** Sets a subscription active (or not) and replaces its custom headers. */
    Hook update(long id, boolean active, Map<String, String> headers);
}
