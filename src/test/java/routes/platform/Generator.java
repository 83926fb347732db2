package routes.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Seeded random test data for property tests in plain JUnit 5. A test class takes one {@link Seed} (the system
 * property {@value #SEED_PROPERTY}, else a fresh one; either way printed as one line); case {@code i} of a property is
 * made by a generator seeded from (seed, property, i) alone, so the seed and case index in a failure replay it exactly:
 * {@code -Dtest=Class#property -Dsynchub.test.seed=S -Dsynchub.test.case=I}. Pass or fail never depends on time.
 */
public final class Generator {

    public static final String SEED_PROPERTY = "synchub.test.seed";
    /** Runs only this case index of each property (with the seed of the failure). */
    public static final String CASE_PROPERTY = "synchub.test.case";

    private final SplittableRandom random;

    public Generator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The seed of {@code testClass}'s run: {@value #SEED_PROPERTY} when set, else a fresh one. Prints it. */
    public static Seed seed(Class<?> testClass) {
        String given = System.getProperty(SEED_PROPERTY, "").strip();
        long seed = given.isEmpty() ? ThreadLocalRandom.current().nextLong(Long.MAX_VALUE) : Long.parseLong(given);
        System.out.println(testClass.getSimpleName() + ": seed " + seed + " (rerun with -D" + SEED_PROPERTY + "=" + seed + ")");
        return new Seed(testClass, seed);
    }

    /** One test class's seed; {@link #cases} turns a property into dynamic tests. */
    public record Seed(Class<?> testClass, long value) {

        /**
         * {@code count} dynamic tests "case 0" .. "case count-1" of {@code property} (its method name), each handed
         * its own generator. The first failure is rethrown with the seed and case index; the cases after it are
         * skipped, as there is nothing to shrink and one replayable case is what a reader needs.
         */
        public Stream<DynamicTest> cases(String property, int count, ThrowingConsumer<Generator> check) {
            String only = System.getProperty(CASE_PROPERTY, "").strip();
            IntStream indexes = only.isEmpty() ? IntStream.range(0, count) : IntStream.of(Integer.parseInt(only));
            boolean[] failed = {false};
            return indexes.mapToObj(i -> DynamicTest.dynamicTest("case " + i, () -> {
                Assumptions.assumeFalse(failed[0], "skipped: an earlier case of " + property + " failed");
                try {
                    check.accept(new Generator(caseSeed(property, i)));
                } catch (Throwable t) {
                    failed[0] = true;
                    String replay = testClass.getSimpleName() + "." + property + " failed at seed " + value + ", case " + i
                            + " (replay: -Dtest=" + testClass.getSimpleName() + "#" + property + " -D" + SEED_PROPERTY + "="
                            + value + " -D" + CASE_PROPERTY + "=" + i + ")";
                    throw new AssertionError(replay + ": " + (t instanceof AssertionError ? t.getMessage() : t), t);
                }
            }));
        }

        long caseSeed(String property, int index) {
            return (value * 31 + property.hashCode()) * 1_000_003 + index;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // values

    public boolean bool() {
        return random.nextBoolean();
    }

    /** {@code min..max} inclusive; one draw in ten is {@code min} or {@code max}, where bugs live. */
    public int between(int min, int max) {
        return (int) between((long) min, (long) max);
    }

    /** {@code min..max} inclusive; one draw in ten is {@code min} or {@code max}, where bugs live. */
    public long between(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        int edge = random.nextInt(20);
        if (edge == 0) {
            return min;
        }
        if (edge == 1) {
            return max;
        }
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return min > Long.MIN_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong();
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** One of the suppliers' values, each supplier equally likely. */
    @SafeVarargs
    public final <T> T anyOf(Supplier<? extends T>... choices) {
        return choices[random.nextInt(choices.length)].get();
    }

    /** A weighted choice between generators: {@code g.frequency(weight(3, () -> a), weight(1, () -> b))}. */
    @SafeVarargs
    public final <T> T frequency(Weighted<? extends T>... choices) {
        int total = 0;
        for (Weighted<? extends T> choice : choices) {
            total += choice.weight();
        }
        int pick = random.nextInt(total);
        for (Weighted<? extends T> choice : choices) {
            pick -= choice.weight();
            if (pick < 0) {
                return choice.values().get();
            }
        }
        throw new AssertionError("unreachable");
    }

    public static <T> Weighted<T> weight(int weight, Supplier<T> values) {
        return new Weighted<>(weight, values);
    }

    public record Weighted<T>(int weight, Supplier<T> values) {
    }

    /** {@code min..max} characters drawn from {@code alphabet} (a string of BMP characters). */
    public String string(String alphabet, int min, int max) {
        StringBuilder s = new StringBuilder();
        for (int n = length(min, max); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /**
     * {@code min..max} code points of any well-formed text: mostly printable ASCII, then C0/C1 controls, any other BMP
     * character (no lone surrogates) and characters beyond the BMP (two chars each, so the length may reach 2·max).
     */
    public String string(int min, int max) {
        StringBuilder s = new StringBuilder();
        for (int n = length(min, max); n > 0; n--) {
            int kind = random.nextInt(8);
            int cp;
            if (kind < 4) {
                cp = random.nextInt(0x20, 0x7F);
            } else if (kind == 4) {
                cp = oneOf(random.nextInt(0x20), 0x7F, random.nextInt(0x80, 0xA0));
            } else if (kind < 7) {
                do {
                    cp = random.nextInt(0xA0, 0x10000);
                } while (Character.isSurrogate((char) cp));
            } else {
                cp = random.nextInt(0x10000, Character.MAX_CODE_POINT + 1);
            }
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    /** {@code min..max} random bytes. */
    public byte[] bytes(int min, int max) {
        byte[] bytes = new byte[length(min, max)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** {@code min..max} elements. */
    public <T> List<T> list(int min, int max, Supplier<T> element) {
        List<T> list = new ArrayList<>();
        for (int n = length(min, max); n > 0; n--) {
            list.add(element.get());
        }
        return list;
    }

    /** A {@link java.util.Random} seeded from this generator, for APIs that take one (shuffle). */
    public Random random() {
        return new Random(random.nextLong());
    }

    /** A size: uniform, with {@code min} (often empty) one time in ten. */
    private int length(int min, int max) {
        return random.nextInt(10) == 0 ? min : random.nextInt(min, max + 1);
    }
}
