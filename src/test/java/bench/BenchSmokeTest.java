package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import routes.platform.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark scenario at a smoke size, so bench/ cannot rot: each produces its numbers and its counts are right.
 * Times are never judged here (that is what `mvn -Pbench verify` and BENCHMARKS.md are for).
 */
class BenchSmokeTest {

    @Test
    void everyScenarioRunsAtASmokeSizeAndCountsRight(@TempDir Path out) throws Exception {
        Bench.Config c = Bench.Config.parse(new String[] {"s1.skus=3000", "s1.small=500", "naive.sample=200",
                "s2.rows=3000", "s3.changes=5000", "s3.skus=1000", "s4.rate=200", "s4.seconds=2", "s4.skus=50",
                "s5.settle-seconds=1", "out=" + out, "work=" + out});
        List<Result> results = Bench.run(c);

        assertThat(results).extracting(r -> r.scenario() + "/" + r.mode()).containsExactly(
                "S5 start to ready/raw", "S5 start to ready/synchub",
                "S1 push 500/raw", "S1 push 500/naive", "S1 push 500/synchub",
                "S1 push 3,000/raw", "S1 push 3,000/naive", "S1 push 3,000/synchub",
                "S2 pull 3,000/raw", "S2 pull 3,000/naive", "S2 pull 3,000/synchub",
                "S3 pause 5,000/1,000/raw", "S3 pause 5,000/1,000/naive", "S3 pause 5,000/1,000/synchub",
                "S4 auto-sync 200/s x 2 s/synchub");
        for (Result r : results) {
            assertThat(r.ms()).as(r.scenario() + " " + r.mode()).isPositive();
        }
        Result push = find(results, "S1 push 3,000", "synchub");
        assertThat(push.items()).isEqualTo(3000);
        assertThat(find(results, "S1 push 3,000", "raw").calls()).isEqualTo(6);
        Result naive = find(results, "S1 push 3,000", "naive");
        assertThat(naive.extrapolated()).isTrue();
        assertThat(naive.sampleRows()).isEqualTo(200);
        assertThat(naive.calls()).isEqualTo(3000);
        assertThat(find(results, "S2 pull 3,000", "synchub").items()).isEqualTo(3000);
        assertThat(find(results, "S2 pull 3,000", "raw").items()).isEqualTo(3000);
        Result pause = find(results, "S3 pause 5,000/1,000", "synchub");
        assertThat(pause.items()).isEqualTo(1000);
        assertThat(pause.calls()).isEqualTo(2);
        Result latency = find(results, "S4 auto-sync 200/s x 2 s", "synchub");
        assertThat(latency.rows()).isEqualTo(400);
        assertThat(latency.p50Ms()).isFinite().isLessThanOrEqualTo(latency.p99Ms());
        assertThat(latency.p99Ms()).isFinite().isLessThanOrEqualTo(latency.maxMs());
        assertThat(latency.note()).containsPattern("H2 hub file [1-9][0-9]* MiB after the run");
        Result ready = find(results, "S5", "synchub");
        assertThat(ready.rssMiB()).isPositive();
        assertThat(find(results, "S5", "raw").rssMiB()).isPositive();

        String md = Files.readString(out.resolve("BENCHMARKS.md"));
        assertThat(md).contains("| S1 push 3,000 | synchub |").contains("## Targets");
        assertThat(Files.readAllLines(out.resolve("bench-results.csv"))).hasSize(results.size() + 1);
    }

    @Test
    void autoSyncLatencyRunsOnAPostgresHubToo(@TempDir Path out) throws Exception {
        TestDatabases.requirePostgres();
        Bench.Config c = Bench.Config.parse(new String[] {"only=s4", "s4.hub=postgres", "s4.rate=200", "s4.seconds=2",
                "s4.skus=50", "out=" + out, "work=" + out});
        List<Result> results = Bench.run(c);

        assertThat(results).extracting(r -> r.scenario() + "/" + r.mode())
                .containsExactly("S4 auto-sync 200/s x 2 s (hub on PostgreSQL)/synchub");
        assertThat(results.get(0).rows()).isEqualTo(400);
        assertThat(results.get(0).p99Ms()).isFinite();
        assertThat(Files.readString(out.resolve("BENCHMARKS.md"))).contains("(hub on PostgreSQL)");
    }

    private static Result find(List<Result> results, String scenario, String mode) {
        return results.stream().filter(r -> r.scenario().startsWith(scenario) && r.mode().equals(mode)).findFirst().orElseThrow();
    }
}
