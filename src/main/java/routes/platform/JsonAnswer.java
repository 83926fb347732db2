package routes.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/** An HTTP answer of a bean a route calls: its status and JSON body, and the {@code {"error","detail"}} shape. */
public final class JsonAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswer() {
    }

    /** Sets the status and content type on the exchange; returns the body as JSON text. */
    public static String of(Exchange exchange, int status, Map<String, ?> body) {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers did not serialise", e);
        }
    }

    /** {@code {"error": error, "detail": detail}}, in that order. */
    public static Map<String, Object> error(String error, String detail) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("detail", detail);
        return out;
    }
}
