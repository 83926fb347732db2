package routes.ops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which request targets are canonical (served) and which are refused before routing, with the reason. */
class RequestTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/v1/tasks", "/api/v1/products/A%20B/sync-history", "/api/v1/products/%C3%A9t%C3%A9",
            "/api/v1/products/A%2BB", "/api/v1/runs?task=stock&status=ok&limit=5", "/api/v1/products?q=caf%C3%A9+noir",
            "/api/v1/products/A%3B1", "/dashboard/dashboard.js?v=1&x="})
    void canonicalTargetsPass(String target) {
        assertThat(RequestTarget.problem(target)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://any.host/api/v1/tasks", "*", "api/v1/tasks", "//api/v1/tasks", "/./api", "/x/../api",
            "/api/v1/tasks/", "/api/v1/tasks/.", "/api/v1/tasks/..", "/%2e/api", "/%61pi/v1/tasks", "/api%2Fv1", "/api%2fv1",
            "/api%5Cv1", "/api\\v1", "/api/v1/tasks;jsessionid=1", "/api/v1/tasks%00", "/api/v1/tasks%", "/api/v1/tasks%zz",
            "/api/v1/tasks%C3", "/api/v1/tasks?x=%00", "/api/v1/tasks?x=%0A", "/api/v1/tasks?%7F=1", "/api/v1/tasks?x=%G1",
            "/api/v1/tasks#top", "/api v1"})
    void otherTargetsAreRefusedWithAReason(String target) {
        assertThat(RequestTarget.problem(target)).isPresent().get().asString().isNotBlank();
    }
}
