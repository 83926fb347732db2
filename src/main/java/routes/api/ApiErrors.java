package routes.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/** Turns an {@link ApiError} into the admin API's error body {@code {"error": ..., "detail": ...}}. */
public class ApiErrors {

    private final ObjectMapper json = new ObjectMapper();

    public void respond(Exchange exchange) throws JsonProcessingException {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiError error = caught instanceof ApiError api ? api
                : new ApiError(500, "internal error", caught == null ? "unknown" : String.valueOf(caught.getMessage()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.error());
        body.put("detail", error.getMessage());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json.writeValueAsString(body));
    }
}
