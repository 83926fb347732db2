package routes.changelog;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeStateTest {

    @Test
    void everyStateReadsBackFromItsColumnValue() {
        for (ChangeState state : ChangeState.values()) {
            assertThat(ChangeState.of(state.column())).isSameAs(state);
        }
        assertThat(Arrays.stream(ChangeState.values()).map(ChangeState::column))
                .containsExactly("PENDING", "SENDING", "SENT", "SUPERSEDED", "SKIPPED", "DEAD");
    }

    @Test
    void anUnknownStateIsNamedWithTheStatesAllowed() {
        assertThatThrownBy(() -> ChangeState.of("pending")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown change state 'pending': expected one of PENDING, SENDING, SENT, SUPERSEDED, SKIPPED, DEAD");
    }
}
