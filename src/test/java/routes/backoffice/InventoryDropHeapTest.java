package routes.backoffice;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large partner drop applies in bounded heap: SyncHub runs in a JVM of its own with {@code -Xmx256m} and must apply
 * every row of one file (100,000 rows here, beyond H2's 65,536 array limit; {@code -Dsynchub.test.drop-rows=1000000}
 * for the 50 MB drop). The child prints rows/s and peak heap (in {@code target/surefire-reports/*-output.txt}).
 */
class InventoryDropHeapTest {

    @Test
    void aLargeDropAppliesEveryRowWithinA256MiBHeap() throws Exception {
        int rows = Integer.getInteger("synchub.test.drop-rows", 100_000);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path output = Files.createTempFile("inventory-drop-heap", ".txt");
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp", classpath,
                InventoryDropHeapCheck.class.getName(), String.valueOf(rows)))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = child.waitFor(25, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        String summary = out.lines().filter(l -> l.startsWith("rows=")).findFirst().orElse("(no summary)");
        System.out.println("inventory drop in -Xmx256m: " + summary);
        assertThat(ended).as("child ended").isTrue();
        assertThat(child.exitValue()).as("child exit; its output:%n%s", tail(out)).isZero();
        assertThat(summary).contains("applied=" + rows);
        new File(output.toString()).delete();
    }

    private static String tail(String out) {
        List<String> lines = out.lines().filter(l -> !l.startsWith("\tat ")).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
