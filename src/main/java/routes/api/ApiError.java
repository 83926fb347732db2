package routes.api;

/** An admin API answer other than success: status, a short error and a detail that names the thing at fault. */
public class ApiError extends RuntimeException {

    private final int status;
    private final String error;

    public ApiError(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public static ApiError badRequest(String field, String detail) {
        return new ApiError(400, "bad request", field + ": " + detail);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "not found", what);
    }

    public static ApiError conflict(String detail) {
        return new ApiError(409, "conflict", detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
