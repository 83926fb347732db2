package routes.app;

import java.util.Map;

import org.apache.camel.model.RouteTemplateDefinition;
import org.junit.jupiter.api.Test;
import routes.platform.ConfigProblem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An instance's parameters against its template's: SyncHub refuses what Camel would ignore or name unclearly. */
class TemplatedRouteLabelsTest {

    private final TemplatedRouteLabels labels = new TemplatedRouteLabels(null);

    @Test
    void anInstanceWithTheTemplatesParametersBecomesARouteNamedAfterItsId() {
        assertThat(labels.apply(check(), Map.of("id", "images-check", "count", "bean:imagesCheck?method=pending",
                "next", "images-read")).getId()).isEqualTo("images-check");
    }

    @Test
    void theOldBeanParameterOfTheCheckTemplateIsNamedAsRenamed() {
        assertThatThrownBy(() -> labels.apply(check(), Map.of("id", "orders-in", "bean", "ordersIn?method=pull", "next", "orders-out")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessage("templatedRoute orders-in: route template check has no parameter 'bean' (its parameters: id,"
                        + " count, next) (fix: parameter bean is now count, an endpoint URI: write - {name: count, value:"
                        + " \"bean:ordersIn?method=pull\"})");
    }

    @Test
    void aMissingCountIsNamedWithWhatItIs() {
        assertThatThrownBy(() -> labels.apply(check(), Map.of("id", "orders-in", "next", "orders-out")))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageStartingWith("templatedRoute orders-in: route template check needs parameter 'count' (The count")
                .hasMessageEndingWith("(fix: add - {name: count, value: ...})");
    }

    private static RouteTemplateDefinition check() {
        RouteTemplateDefinition template = new RouteTemplateDefinition();
        template.setId("check");
        template.templateParameter("id", null, "The task id");
        template.templateOptionalParameter("count", "The count: an endpoint");
        template.templateParameter("next", null, "The next stage");
        template.from("seda:check").to("log:check");
        return template;
    }
}
