package routes.orders.webhook;

/** A webhook body that cannot be used; the message names the field first ("data.id: missing"). */
public final class InvalidWebhook extends RuntimeException {

    private final String field;

    public InvalidWebhook(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
    }

    /** The field at fault ("body" for the payload as a whole). */
    public String field() {
        return field;
    }
}
