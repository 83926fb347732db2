package routes.api;

import org.apache.camel.Exchange;
import routes.platform.JsonAnswer;

/** Turns an {@link ApiError} into the admin API's error body {@code {"error": ..., "detail": ...}}. */
public class ApiErrors {

    public void respond(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiError error = caught instanceof ApiError api ? api
                : new ApiError(500, "internal error", caught == null ? "unknown" : String.valueOf(caught.getMessage()));
        exchange.getMessage().setBody(JsonAnswer.of(exchange, error.status(), JsonAnswer.error(error.error(), error.getMessage())));
    }
}
