package routes.orders.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import routes.platform.Generator;

import static routes.platform.Generator.weight;

/**
 * Hostile-input properties for webhooks: 500 random / mutated bodies, 500 structured payloads with a known expected
 * outcome, 1,000 signature checks, 300 garbage signature headers. Seeded ({@link Generator}): a failure names the seed
 * and case that replay it.
 */
class WebhookProperties {

    static final Generator.Seed SEED = Generator.seed(WebhookProperties.class);

    static final String SAMPLE = WebhookEventTest.SAMPLE;

    // ---------------------------------------------------------------------------------------------------------
    // parse: random or mutated bodies throw nothing but InvalidWebhook

    @TestFactory
    Stream<DynamicTest> hostileBodiesOnlyEverThrowInvalidWebhook() {
        return SEED.cases("hostileBodiesOnlyEverThrowInvalidWebhook", 500,
                g -> hostileBodiesOnlyEverThrowInvalidWebhook(hostileBodies(g)));
    }

    void hostileBodiesOnlyEverThrowInvalidWebhook(byte[] body) {
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

    byte[] hostileBodies(Generator g) {
        return g.frequency(
                weight(3, () -> g.bytes(0, 300)),
                weight(5, () -> mutate(SAMPLE, g.random(), g.between(1, 8)).getBytes(StandardCharsets.UTF_8)),
                weight(1, () -> SAMPLE.replace("abc123", "é中").getBytes(g.oneOf(StandardCharsets.UTF_16,
                        StandardCharsets.UTF_16LE, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_8))),
                weight(1, () -> ("{\"scope\":\"store/order/created\",\"pad\":\"" + "x".repeat(g.between(60_000, 70_000))
                        + "\",\"data\":{\"id\":1},\"created_at\":1}").getBytes(StandardCharsets.UTF_8)),
                weight(1, () -> {
                    int n = g.between(1, 20_000);
                    return ("[".repeat(n) + "{\"a\":" + "{".repeat(n % 50)).getBytes(StandardCharsets.UTF_8);
                }));
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

    @TestFactory
    Stream<DynamicTest> structuredPayloadsFailOnTheFirstBadFieldOrParseExactly() {
        return SEED.cases("structuredPayloadsFailOnTheFirstBadFieldOrParseExactly", 500,
                g -> structuredPayloadsFailOnTheFirstBadFieldOrParseExactly(payloads(g)));
    }

    void structuredPayloadsFailOnTheFirstBadFieldOrParseExactly(Payload payload) {
        byte[] body = payload.json().getBytes(StandardCharsets.UTF_8);
        Optional<String> failure = payload.expectedFailure();
        if (failure.isPresent()) {
            assertThatThrownBy(() -> WebhookEvent.parse(body)).as(payload.json())
                    .isInstanceOf(InvalidWebhook.class).hasMessageStartingWith(failure.get());
        } else {
            assertThat(WebhookEvent.parse(body)).as(payload.json()).isEqualTo(new WebhookEvent(payload.scopeText(),
                    payload.id().number(), payload.createdAt().number(), payload.hashText()));
        }
    }

    Payload payloads(Generator g) {
        Value s = g.frequency(
                weight(12, () -> {
                    String scope = g.frequency(
                            weight(20, () -> g.oneOf("store/order/created", "store/order/updated", "store/order/statusUpdated",
                                    "store/order/message/created", "store/order/refund/created")),
                            weight(1, () -> g.oneOf("store/product/updated", "store/order/", "store/order/a b",
                                    "store/order/\u00e9", "Store/Order/created", "store/order/" + "x".repeat(81), "")),
                            weight(1, () -> "store/order/" + g.string(0, 20)));
                    return new Value(jsonString(scope), scope.isBlank() ? Kind.BLANK_STRING : Kind.STRING, 0);
                }),
                weight(1, () -> anyValue(g)));
        Value t = g.frequency(
                weight(8, () -> new Value("\"order\"", Kind.STRING, 0)),
                weight(1, () -> new Value("", Kind.ABSENT, 0)),
                weight(1, () -> anyValue(g)));
        Value i = g.frequency(weight(8, () -> positive(g)), weight(2, () -> anyValue(g)));
        Value c = g.frequency(weight(8, () -> epochSeconds(g)), weight(2, () -> anyValue(g)));
        Value h = g.frequency(
                weight(6, () -> new Value(jsonString(g.string("0123456789abcdef", 40, 40)), Kind.STRING, 0)),
                weight(1, () -> new Value("", Kind.ABSENT, 0)),
                weight(1, () -> anyValue(g)));
        int dataShape = g.between(0, 19);
        return new Payload(s, t, i, c, h, dataShape != 0, unquote(s), hashText(h));
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

    Value positive(Generator g) {
        long n = g.between(1, Long.MAX_VALUE);
        return new Value(Long.toString(n), Kind.INT, n);
    }

    Value epochSeconds(Generator g) {
        long n = g.between(0, 253_402_300_799L);
        return new Value(Long.toString(n), Kind.INT, n);
    }

    Value anyValue(Generator g) {
        return g.anyOf(
                () -> new Value("", Kind.ABSENT, 0),
                () -> new Value("null", Kind.NULL, 0),
                () -> new Value(g.oneOf("true", "false"), Kind.BOOL, 0),
                () -> {
                    long n = g.between(Long.MIN_VALUE, 0);
                    return new Value(Long.toString(n), Kind.INT, n);
                },
                () -> new Value(g.oneOf("1.5", "-0.0", "1e3", "250.0", "1E-7", "99999999999999999999.5"), Kind.FLOAT, 0),
                () -> {
                    long n = g.between(0, Long.MAX_VALUE);
                    return new Value("\"" + n + "\"", Kind.DIGIT_STRING, n);
                },
                () -> {
                    String s;
                    do {
                        s = g.string(0, 30);
                    } while (s.strip().matches("[0-9]{1,40}") || s.isBlank());
                    return new Value(jsonString(s), Kind.STRING, 0);
                },
                () -> new Value(g.oneOf("[]", "[1]", "[\"order\"]"), Kind.ARRAY, 0),
                () -> new Value(g.oneOf("{}", "{\"id\":1}"), Kind.OBJECT, 0));
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

    @TestFactory
    Stream<DynamicTest> verifyIsTrueOnlyForTheCorrectSignature() {
        return SEED.cases("verifyIsTrueOnlyForTheCorrectSignature", 1000, g -> {
            String secret;
            do {
                secret = g.string(1, 100);
            } while (secret.isBlank());
            verifyIsTrueOnlyForTheCorrectSignature(secret, g.bytes(0, 200), g.bytes(0, 200), g.string(0, 255),
                    g.between(Integer.MIN_VALUE, Integer.MAX_VALUE));
        });
    }

    void verifyIsTrueOnlyForTheCorrectSignature(String secret, byte[] body, byte[] otherBody, String header, int flip) {
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

    @TestFactory
    Stream<DynamicTest> verifyNeverThrowsOnGarbageHeaders() {
        return SEED.cases("verifyNeverThrowsOnGarbageHeaders", 300,
                g -> verifyNeverThrowsOnGarbageHeaders(garbageHeaders(g), g.bytes(0, 50)));
    }

    void verifyNeverThrowsOnGarbageHeaders(String header, byte[] body) {
        assertThat(new WebhookSignature("secret").verify(body, header)).isFalse();
    }

    String garbageHeaders(Generator g) {
        return g.anyOf(
                () -> g.string(0, 300),
                () -> g.string("0123456789abcdefABCDEF", 60, 68),
                () -> g.string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_", 40, 48),
                () -> "sha256=" + g.string(0, 70),
                () -> g.oneOf(List.of("", " ", "sha256=", "\u0000".repeat(64), "=".repeat(44))));
    }
}
