package routes.task;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskSequenceTest {

    private final TaskSequence sequence = new TaskSequence(null, null, TaskSequence.STEPS, null);

    @Test
    void syncAllRunsItsFourStagesInOrder() {
        assertThat(sequence.stages("sync-all")).containsExactly(
                List.of("orders-in"),
                List.of("orders-out"),
                List.of("items", "variants", "stock", "invoices", "purchase-orders"),
                List.of("catalog-push", "stock-push"));
    }

    @Test
    void fullRunsOneTaskPerStage() {
        assertThat(sequence.stages("full")).containsExactly(
                List.of("items"), List.of("variants"), List.of("stock"), List.of("purchase-orders"), List.of("invoices"));
    }

    @Test
    void aTaskWithoutStepsIsNamedWithTheSequenceTasks() {
        assertThatThrownBy(() -> sequence.stages("stock")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task 'stock' calls taskSequence but has no steps; sequence tasks: [full, sync-all]");
    }
}
