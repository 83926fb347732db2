package routes.task;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunCountersTest {

    @Test
    void theFirstMovementIsReportedAtOnceAndLaterOnesAtMostOnceASecond() {
        List<Integer> reported = new ArrayList<>();
        RunCounters run = new RunCounters(7);
        run.reportProgressTo(c -> reported.add(c.read()));

        run.read(500);
        run.read(500);
        run.written(1000);

        assertThat(reported).containsExactly(500);
    }
}
