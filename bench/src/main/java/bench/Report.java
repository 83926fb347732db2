package bench;

import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The printed table, BENCHMARKS.md and bench-results.csv, all from the same results (the same figures). */
final class Report {

    private Report() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String num(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        if (Double.isInfinite(d)) {
            return "inf";
        }
        return d >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String mib(long v) {
        return v < 0 ? "" : String.valueOf(v);
    }

    static String line(Result r) {
        return String.format(Locale.ROOT, "%-32s %-8s rows %11s  %9s ms  %11s rows/s  calls %9s  items %9s  heap %4s MiB (peak %4s)  rss %4s MiB%s%s",
                r.scenario(), r.mode(), count(r.rows()), count(r.ms()), num(r.rowsPerSecond()), count(r.calls()), count(r.items()),
                mib(r.heapAfterGcMiB()), mib(r.heapPeakMiB()), mib(r.rssMiB()),
                Double.isNaN(r.p50Ms()) ? "" : String.format(Locale.ROOT, "  p50 %s ms p99 %s ms max %s ms", num(r.p50Ms()), num(r.p99Ms()), num(r.maxMs())),
                r.extrapolated() ? "  (naive on " + count(r.sampleRows()) + " rows, extrapolated)" : "");
    }

    static String table(List<Result> results) {
        StringBuilder out = new StringBuilder();
        for (Result r : results) {
            out.append(line(r)).append('\n');
        }
        for (String t : targets(results)) {
            out.append(t).append('\n');
        }
        return out.toString();
    }

    static String csv(List<Result> results) {
        StringBuilder out = new StringBuilder("scenario,mode,rows,ms,rows_per_s,calls,items,heap_after_gc_mib,heap_peak_mib,rss_mib,gcs,"
                + "extrapolated,sample_rows,p50_ms,p99_ms,max_ms,synchub_over_raw,naive_over_synchub,note\n");
        for (Result r : results) {
            out.append(String.join(",", quote(r.scenario()), r.mode(), String.valueOf(r.rows()), String.valueOf(r.ms()),
                    plain(r.rowsPerSecond()), String.valueOf(r.calls()), String.valueOf(r.items()), mib(r.heapAfterGcMiB()),
                    mib(r.heapPeakMiB()), mib(r.rssMiB()), String.valueOf(r.gcs()), String.valueOf(r.extrapolated()),
                    String.valueOf(r.sampleRows()), plain(r.p50Ms()), plain(r.p99Ms()), plain(r.maxMs()),
                    r.mode().equals("synchub") ? ratio(results, r.scenario(), "synchub", "raw").map(Report::plain).orElse("") : "",
                    r.mode().equals("synchub") ? ratio(results, r.scenario(), "naive", "synchub").map(Report::plain).orElse("") : "",
                    quote(r.note()))).append('\n');
        }
        return out.toString();
    }

    private static String plain(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.2f", d);
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static Optional<Result> find(List<Result> results, String scenarioPrefix, String mode) {
        return results.stream().filter(r -> r.scenario().startsWith(scenarioPrefix) && r.mode().equals(mode)).findFirst();
    }

    /** Time of {@code over} divided by time of {@code under} in one scenario. */
    static Optional<Double> ratio(List<Result> results, String scenario, String over, String under) {
        Optional<Result> a = results.stream().filter(r -> r.scenario().equals(scenario) && r.mode().equals(over)).findFirst();
        Optional<Result> b = results.stream().filter(r -> r.scenario().equals(scenario) && r.mode().equals(under)).findFirst();
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((double) a.get().ms() / Math.max(1, b.get().ms()));
    }

    /** The targets, judged on these results: one line each, MET or MISSED with the figures. */
    static List<String> targets(List<Result> results) {
        List<String> out = new ArrayList<>();
        List<Result> pushes = results.stream().filter(r -> r.scenario().startsWith("S1") && r.mode().equals("synchub")).toList();
        if (!pushes.isEmpty()) {
            Result big = pushes.get(pushes.size() - 1);
            Result small = pushes.get(0);
            ratio(results, big.scenario(), "synchub", "raw").ifPresent(x -> out.add(verdict(x <= 1.25,
                    String.format(Locale.ROOT, "S1 SyncHub <= 1.25 x raw time (%s): %.2f x", big.scenario(), x))));
            ratio(results, big.scenario(), "naive", "synchub").ifPresent(x -> out.add(verdict(x >= 20,
                    String.format(Locale.ROOT, "S1 naive/SyncHub >= 20 (%s): %.1f", big.scenario(), x))));
            out.add(verdict(big.heapAfterGcMiB() <= 256, "S1 SyncHub peak heap after GC <= 256 MiB: " + big.heapAfterGcMiB() + " MiB"));
            out.add(verdict(big.heapAfterGcMiB() <= small.heapAfterGcMiB() + 64, "S1 heap flat (largest run within 64 MiB of "
                    + small.scenario() + "): " + small.heapAfterGcMiB() + " -> " + big.heapAfterGcMiB() + " MiB"));
        }
        find(results, "S2", "synchub").flatMap(r -> ratio(results, r.scenario(), "synchub", "raw")).ifPresent(x ->
                out.add(verdict(x <= 1.5, String.format(Locale.ROOT, "S2 SyncHub <= 1.5 x raw time: %.2f x", x))));
        find(results, "S3", "synchub").ifPresent(r -> {
            String note = r.note();
            out.add(verdict(note.contains("expected " + count(r.items()) + " items in " + r.calls() + " calls"),
                    "S3 exactly the consolidated updates in ceil(SKUs/batch) calls: " + count(r.items()) + " items in "
                            + r.calls() + " calls (" + note.substring(note.indexOf("expected")) + ")"));
        });
        // the p99 only counts at the rate the issue asks for: drivers that could not offer 2,000 changes/s (the
        // adjustments are SyncHub's own transactions) measured an easier load
        find(results, "S4", "synchub").ifPresent(r -> {
            double offered = r.rows() * 1000.0 / Math.max(1, r.ms());
            out.add(verdict(r.p99Ms() <= 250 && offered >= 1900, "S4 Auto Sync p99 <= 250 ms at 2,000 changes/s: p99 "
                    + num(r.p99Ms()) + " ms at " + count(Math.round(offered)) + " changes/s offered"
                    + (r.scenario().contains("PostgreSQL") ? " (hub on PostgreSQL)" : "")));
        });
        find(results, "S5", "synchub").ifPresent(r -> {
            String floor = find(results, "S5", "raw").map(f -> " (a bare Camel Main on the same jar: " + count(f.ms())
                    + " ms, " + f.rssMiB() + " MiB)").orElse("");
            out.add(verdict(r.ms() <= 3000, "S5 start to ready <= 3 s: " + count(r.ms()) + " ms" + floor));
            out.add(verdict(r.rssMiB() <= 300, "S5 idle RSS <= 300 MiB: " + r.rssMiB() + " MiB"));
        });
        return out;
    }

    private static String verdict(boolean met, String what) {
        return (met ? "MET     " : "MISSED  ") + what;
    }

    static String markdown(Bench.Config c, List<Result> results, long totalMs) {
        StringBuilder md = new StringBuilder();
        md.append("# SyncHub benchmarks\n\n");
        md.append("Generated by `bench.Bench` (see README, \"Benchmarks\"); every figure below is the one the run printed.\n\n");
        md.append("- date: ").append(OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        md.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", JVM ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(", bench JVM args ").append(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X") || a.startsWith("-Dsun.net")).toList()).append(", GC ")
                .append(ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName()).toList()).append('\n');
        md.append("- sizes: S1 ").append(count(c.s1Small())).append(" and ").append(count(c.s1Skus())).append(" SKUs; S2 ")
                .append(count(c.s2Rows())).append(" rows; S3 ").append(count(c.s3Changes())).append(" changes over ")
                .append(count(c.s3Skus())).append(" SKUs; S4 ").append(count(c.s4Rate())).append("/s for ").append(c.s4Seconds())
                .append(" s over ").append(count(c.s4Skus())).append(" SKUs; naive sample ").append(count(c.naiveSample()))
                .append(" rows; batch ").append(c.batch()).append('\n');
        md.append("- whole run: ").append(count(totalMs / 1000)).append(" s\n\n");
        md.append("| scenario | mode | rows | time ms | rows/s | calls | items | heap after GC MiB | heap peak MiB | RSS MiB | p50 / p99 / max ms | SyncHub/raw | naive/SyncHub | note |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|\n");
        for (Result r : results) {
            boolean hub = r.mode().equals("synchub");
            md.append("| ").append(r.scenario()).append(" | ").append(r.mode()).append(r.extrapolated() ? "*" : "")
                    .append(" | ").append(count(r.rows())).append(" | ").append(count(r.ms())).append(" | ").append(num(r.rowsPerSecond()))
                    .append(" | ").append(count(r.calls())).append(" | ").append(count(r.items())).append(" | ")
                    .append(mib(r.heapAfterGcMiB())).append(" | ").append(mib(r.heapPeakMiB())).append(" | ").append(mib(r.rssMiB()))
                    .append(" | ").append(Double.isNaN(r.p50Ms()) ? "" : num(r.p50Ms()) + " / " + num(r.p99Ms()) + " / " + num(r.maxMs()))
                    .append(" | ").append(hub ? ratio(results, r.scenario(), "synchub", "raw").map(Report::plain).orElse("") : "")
                    .append(" | ").append(hub ? ratio(results, r.scenario(), "naive", "synchub").map(Report::plain).orElse("") : "")
                    .append(" | ").append(r.note()).append(" |\n");
        }
        md.append("\n\\* naive ran on a sample (see note); its time, calls and items are scaled to the scenario's size.\n");
        md.append("Heap and RSS are of the one bench JVM (sink, naive Camel context and SyncHub in it), measured during each phase:"
                + " \"heap after GC\" is the most heap in use right after any GC (GC notifications), \"heap peak\" the heap pools' peak"
                + " (garbage included), RSS the highest VmRSS sampled every 50 ms. S5's RSS is the forked SyncHub's VmRSS.\n\n");
        md.append("## Targets\n\n```\n");
        for (String t : targets(results)) {
            md.append(t).append('\n');
        }
        md.append("```\n");
        return md.toString();
    }
}
