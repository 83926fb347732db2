package routes.task;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskColumnValuesTest {

    @Test
    void everyTriggerReadsBackFromItsColumnValue() {
        for (Trigger trigger : Trigger.values()) {
            assertThat(Trigger.of(trigger.column())).isSameAs(trigger);
        }
    }

    @Test
    void triggersKeepTheTextTheRunHistoryHolds() {
        assertThat(Arrays.stream(Trigger.values()).map(Trigger::column))
                .containsExactly("schedule", "manual", "event", "cycle", "follow-up", "replay");
    }

    @Test
    void everyRunStatusReadsBackFromItsColumnValue() {
        for (RunStatus status : RunStatus.values()) {
            assertThat(RunStatus.of(status.column())).isSameAs(status);
        }
        assertThat(Arrays.stream(RunStatus.values()).map(RunStatus::column))
                .containsExactly("queued", "running", "ok", "failed", "partial", "skipped");
        assertThat(Arrays.stream(RunStatus.values()).filter(RunStatus::unfinished))
                .containsExactly(RunStatus.QUEUED, RunStatus.RUNNING);
    }

    @Test
    void everyTaskKindReadsBackFromItsRouteGroup() {
        for (TaskKind kind : TaskKind.values()) {
            assertThat(TaskKind.of(kind.column())).isSameAs(kind);
            assertThat(TaskKind.isKind(kind.column())).isTrue();
        }
        assertThat(Arrays.stream(TaskKind.values()).map(TaskKind::column)).containsExactly("scheduled", "as-needed", "event");
        for (String notATask : Arrays.asList(null, "", "rest", "Scheduled", "AS_NEEDED")) {
            assertThat(TaskKind.isKind(notATask)).as(String.valueOf(notATask)).isFalse();
        }
    }

    @Test
    void anUnknownValueIsNamedWithTheValuesAllowed() {
        assertThatThrownBy(() -> Trigger.of("cron")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown trigger 'cron': expected one of schedule, manual, event, cycle, follow-up, replay");
        assertThatThrownBy(() -> RunStatus.of("OK")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown run status 'OK': expected one of queued, running, ok, failed, partial, skipped");
        assertThatThrownBy(() -> TaskKind.of("as_needed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown task kind 'as_needed': expected one of scheduled, as-needed, event");
        for (Runnable nothing : List.<Runnable>of(() -> Trigger.of(null), () -> RunStatus.of(null), () -> TaskKind.of(null))) {
            assertThatThrownBy(nothing::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'null'");
        }
    }
}
