package routes.orders.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.NotBlank;
import net.jqwik.api.constraints.Size;

/**
 * Hostile-input properties for webhooks: 500 random / mutated bodies, 500 structured payloads with a known expected
 * outcome, 1,000 signature checks.
 */
class WebhookProperties {

    static final String SAMPLE = WebhookEventTest.SAMPLE;

    // ---------------------------------------------------------------------------------------------------------
    // parse: random or mutated bodies throw nothing but InvalidWebhook

    @Property(tries = 500)
    void hostileBodiesOnlyEverThrowInvalidWebhook(@ForAll("hostileBodies") byte[] body) {
        WebhookEvent event;
        try {
            event = WebhookEvent.parse(body);
        } catch (InvalidWebhook e) {
            assertThat(e.getMessage()).isNotBlank().startsWith(e.field() + ": ");
            assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f]");
            return;
        }
        assertThat(event.scope()).startsWith("store/order/");
        assertThat(event.orderId()).isPositive();
        assertThat(event.createdAt()).isNotNegative();
    }

    @Provide
    Arbitrary<byte[]> hostileBodies() {
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.randoms(), Arbitraries.integers().between(1, 8))
                .as((random, edits) -> mutate(SAMPLE, random, edits).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> encoded = Arbitraries.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
                StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8).map(cs -> SAMPLE.replace("abc123", "é中").getBytes(cs));
        Arbitrary<byte[]> huge = Arbitraries.integers().between(60_000, 70_000)
                .map(n -> ("{\"scope\":\"store/order/created\",\"pad\":\"" + "x".repeat(n) + "\",\"data\":{\"id\":1},\"created_at\":1}")
                        .getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> nested = Arbitraries.integers().between(1, 20_000)
                .map(n -> ("[".repeat(n) + "{\"a\":" + "{".repeat(n % 50)).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(Tuple.of(3, randomBytes), Tuple.of(5, mutated), Tuple.of(1, encoded), Tuple.of(1, huge),
                Tuple.of(1, nested));
    }

    static String mutate(String json, Random random, int edits) {
        StringBuilder s = new StringBuilder(json);
        String alphabet = "{}[]\":,0123456789-.eE truefalsnul\\\u0000\u00e9\uD83D\uDE00";
        for (int i = 0; i < edits && s.length() > 0; i++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return s.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // parse: structured payloads with random field values, outcome known in advance

    /** A JSON value (as text) and what the parser should make of it for a given field. */
    record Value(String json, Kind kind, long number) {
    }

    enum Kind { ABSENT, NULL, STRING, BLANK_STRING, DIGIT_STRING, INT, FLOAT, BOOL, ARRAY, OBJECT }

    record Payload(Value scope, Value dataType, Value id, Value createdAt, Value hash, boolean dataIsObject, String scopeText,
                   String hashText) {
        String json() {
            StringBuilder s = new StringBuilder("{");
            field(s, "scope", scope);
            s.append("\"store_id\":\"1025646\",");
            if (dataIsObject) {
                s.append("\"data\":{");
                field(s, "type", dataType);
                field(s, "id", id);
                s.append("\"extra\":1},");
            } else {
                s.append("\"data\":[1],");
            }
            field(s, "hash", hash);
            field(s, "created_at", createdAt);
            s.append("\"producer\":\"stores/abc\"}");
            return s.toString();
        }

        private static void field(StringBuilder s, String name, Value v) {
            if (v.kind != Kind.ABSENT) {
                s.append('"').append(name).append("\":").append(v.json).append(',');
            }
        }

        /** The message prefix the parser must fail with, or empty when the payload is valid. */
        Optional<String> expectedFailure() {
            switch (scope.kind) {
                case ABSENT, NULL -> {
                    return Optional.of("scope: missing");
                }
                case STRING, DIGIT_STRING -> {
                    if (!scopeText.matches("store/order/[A-Za-z0-9_/.-]{1,80}")) {
                        return Optional.of("scope: not an order webhook scope");
                    }
                }
                case BLANK_STRING -> {
                    return Optional.of("scope: empty");
                }
                default -> {
                    return Optional.of("scope: not a string");
                }
            }
            if (!dataIsObject) {
                return Optional.of("data: not an object");
            }
            switch (dataType.kind) {
                case ABSENT, NULL -> {
                }
                case STRING, BLANK_STRING, DIGIT_STRING -> {
                    if (!dataType.json.equals("\"order\"")) {
                        return Optional.of("data.type: expected 'order'");
                    }
                }
                default -> {
                    return Optional.of("data.type: not a string");
                }
            }
            Optional<String> idProblem = numberProblem("data.id", id, 1, Long.MAX_VALUE);
            if (idProblem.isPresent()) {
                return idProblem;
            }
            Optional<String> createdProblem = numberProblem("created_at", createdAt, 0, 253_402_300_799L);
            if (createdProblem.isPresent()) {
                return createdProblem;
            }
            return switch (hash.kind) {
                case ABSENT, NULL, STRING, BLANK_STRING, DIGIT_STRING -> Optional.empty();
                default -> Optional.of("hash: not a string");
            };
        }

        private static Optional<String> numberProblem(String field, Value v, long min, long max) {
            return switch (v.kind) {
                case ABSENT, NULL -> Optional.of(field + ": missing");
                case INT, DIGIT_STRING -> v.number < min || v.number > max ? Optional.of(field + ": ") : Optional.empty();
                case FLOAT -> Optional.of(field + ": not a whole number");
                default -> Optional.of(field + ": not a number");
            };
        }
    }

    @Property(tries = 500)
    void structuredPayloadsFailOnTheFirstBadFieldOrParseExactly(@ForAll("payloads") Payload payload) {
        byte[] body = payload.json().getBytes(StandardCharsets.UTF_8);
        Optional<String> failure = payload.expectedFailure();
        Statistics.collect(failure.map(f -> f.substring(0, f.indexOf(':'))).orElse("valid"));
        if (failure.isPresent()) {
            assertThatThrownBy(() -> WebhookEvent.parse(body)).as(payload.json())
                    .isInstanceOf(InvalidWebhook.class).hasMessageStartingWith(failure.get());
        } else {
            assertThat(WebhookEvent.parse(body)).as(payload.json()).isEqualTo(new WebhookEvent(payload.scopeText(),
                    payload.id().number(), payload.createdAt().number(), payload.hashText()));
        }
    }

    @Provide
    Arbitrary<Payload> payloads() {
        Arbitrary<String> scopes = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.of("store/order/created", "store/order/updated", "store/order/statusUpdated",
                        "store/order/message/created", "store/order/refund/created")),
                Tuple.of(1, Arbitraries.of("store/product/updated", "store/order/", "store/order/a b", "store/order/\u00e9",
                        "Store/Order/created", "store/order/" + "x".repeat(81), "")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(20).map(s -> "store/order/" + s)));
        Arbitrary<Value> scope = Arbitraries.frequencyOf(
                Tuple.of(12, scopes.map(s -> new Value(jsonString(s), s.isBlank() ? Kind.BLANK_STRING : Kind.STRING, 0))),
                Tuple.of(1, anyValue()));
        Arbitrary<Value> type = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(new Value("\"order\"", Kind.STRING, 0))),
                Tuple.of(1, Arbitraries.just(new Value("", Kind.ABSENT, 0))),
                Tuple.of(1, anyValue()));
        Arbitrary<Value> id = Arbitraries.frequencyOf(Tuple.of(8, positive()), Tuple.of(2, anyValue()));
        Arbitrary<Value> created = Arbitraries.frequencyOf(Tuple.of(8, epochSeconds()), Tuple.of(2, anyValue()));
        Arbitrary<Value> hash = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f').ofLength(40)
                        .map(s -> new Value(jsonString(s), Kind.STRING, 0))),
                Tuple.of(1, Arbitraries.just(new Value("", Kind.ABSENT, 0))),
                Tuple.of(1, anyValue()));
        return Combinators.combine(scope, type, id, created, hash, Arbitraries.integers().between(0, 19))
                .as((s, t, i, c, h, dataShape) -> new Payload(s, t, i, c, h, dataShape != 0, unquote(s), hashText(h)));
    }

    static String unquote(Value v) {
        if (v.kind == Kind.STRING || v.kind == Kind.BLANK_STRING || v.kind == Kind.DIGIT_STRING) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readValue(v.json, String.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return null;
    }

    static String hashText(Value v) {
        return v.kind == Kind.NULL || v.kind == Kind.ABSENT ? null : unquote(v);
    }

    Arbitrary<Value> positive() {
        return Arbitraries.longs().between(1, Long.MAX_VALUE).map(n -> new Value(Long.toString(n), Kind.INT, n));
    }

    Arbitrary<Value> epochSeconds() {
        return Arbitraries.longs().between(0, 253_402_300_799L).map(n -> new Value(Long.toString(n), Kind.INT, n));
    }

    Arbitrary<Value> anyValue() {
        return Arbitraries.oneOf(
                Arbitraries.just(new Value("", Kind.ABSENT, 0)),
                Arbitraries.just(new Value("null", Kind.NULL, 0)),
                Arbitraries.of("true", "false").map(b -> new Value(b, Kind.BOOL, 0)),
                Arbitraries.longs().between(Long.MIN_VALUE, 0).map(n -> new Value(Long.toString(n), Kind.INT, n)),
                Arbitraries.of("1.5", "-0.0", "1e3", "250.0", "1E-7", "99999999999999999999.5")
                        .map(f -> new Value(f, Kind.FLOAT, 0)),
                Arbitraries.longs().between(0, Long.MAX_VALUE).map(n -> new Value("\"" + n + "\"", Kind.DIGIT_STRING, n)),
                Arbitraries.strings().ofMaxLength(30).filter(s -> !s.strip().matches("[0-9]{1,40}") && !s.isBlank())
                        .map(s -> new Value(jsonString(s), Kind.STRING, 0)),
                Arbitraries.of("[]", "[1]", "[\"order\"]").map(a -> new Value(a, Kind.ARRAY, 0)),
                Arbitraries.of("{}", "{\"id\":1}").map(o -> new Value(o, Kind.OBJECT, 0)));
    }

    static String jsonString(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // verify: never throws, true only for the right signature

    @Property(tries = 1000)
    void verifyIsTrueOnlyForTheCorrectSignature(@ForAll @NotBlank String secret, @ForAll @Size(max = 200) byte[] body,
                                                @ForAll @Size(max = 200) byte[] otherBody, @ForAll String header,
                                                @ForAll int flip) {
        WebhookSignature signature = new WebhookSignature(secret);
        String hex = signature.sign(body);
        byte[] raw = HexFormat.of().parseHex(hex);
        assertThat(hex).matches("[0-9a-f]{64}");
        assertThat(signature.verify(body, hex)).isTrue();
        assertThat(signature.verify(body, "sha256=" + hex.toUpperCase())).isTrue();
        assertThat(signature.verify(body, Base64.getEncoder().encodeToString(raw))).isTrue();

        // a random header is wrong (unless it happens to carry the right bytes, which it cannot in practice)
        boolean randomHeaderOk = signature.verify(body, header);
        assertThat(randomHeaderOk).isEqualTo(java.util.Arrays.equals(WebhookSignature.decode(header), raw));
        assertThat(randomHeaderOk).isFalse();

        // one flipped bit anywhere in the signature
        byte[] tampered = raw.clone();
        int bit = Math.floorMod(flip, 256);
        tampered[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(signature.verify(body, HexFormat.of().formatHex(tampered))).isFalse();
        assertThat(signature.verify(body, Base64.getEncoder().encodeToString(tampered))).isFalse();

        // another body or another secret
        assertThat(signature.verify(otherBody, hex)).isEqualTo(java.util.Arrays.equals(body, otherBody));
        assertThat(new WebhookSignature(secret + "x").verify(body, hex)).isFalse();
    }

    @Property(tries = 300)
    void verifyNeverThrowsOnGarbageHeaders(@ForAll("garbageHeaders") String header, @ForAll @Size(max = 50) byte[] body) {
        assertThat(new WebhookSignature("secret").verify(body, header)).isFalse();
    }

    @Provide
    Arbitrary<String> garbageHeaders() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(60).ofMaxLength(68),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_")
                        .ofMinLength(40).ofMaxLength(48),
                Arbitraries.strings().ofMaxLength(70).map(s -> "sha256=" + s),
                Arbitraries.of(List.of("", " ", "sha256=", "\u0000".repeat(64), "=".repeat(44)).toArray(new String[0])));
    }
}
