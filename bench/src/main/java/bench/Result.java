package bench;

/**
 * One measured run of one scenario in one way (raw, naive or synchub). {@code rows} is the scenario's size; a naive
 * run on a sample ({@code sampleRows} &lt; rows) has its time scaled to that size, marked {@code extrapolated}.
 * Latencies are NaN where the scenario has none.
 */
record Result(String scenario, String mode, long rows, long ms, long calls, long items, long heapAfterGcMiB,
              long heapPeakMiB, long rssMiB, long gcs, boolean extrapolated, long sampleRows,
              double p50Ms, double p99Ms, double maxMs, String note) {

    static Result of(String scenario, String mode, long rows, long ms, long calls, long items, Meter m, String note) {
        return new Result(scenario, mode, rows, ms, calls, items, m.peakAfterGcMiB(), m.peakUsedMiB(), m.peakRssMiB(),
                m.gcs(), false, rows, Double.NaN, Double.NaN, Double.NaN, note);
    }

    /** A naive run on {@code sample} of {@code rows}: time and calls scaled by rows / sample. */
    static Result sampled(String scenario, long rows, long sample, long sampleMs, long sampleCalls, long sampleItems,
                          Meter m, String note) {
        double scale = (double) rows / sample;
        return new Result(scenario, "naive", rows, Math.round(sampleMs * scale), Math.round(sampleCalls * scale),
                Math.round(sampleItems * scale), m.peakAfterGcMiB(), m.peakUsedMiB(), m.peakRssMiB(), m.gcs(),
                sample < rows, sample, Double.NaN, Double.NaN, Double.NaN, note);
    }

    Result withLatency(double p50, double p99, double max) {
        return new Result(scenario, mode, rows, ms, calls, items, heapAfterGcMiB, heapPeakMiB, rssMiB, gcs, extrapolated,
                sampleRows, p50, p99, max, note);
    }

    double rowsPerSecond() {
        return ms <= 0 ? Double.NaN : rows * 1000.0 / ms;
    }
}
